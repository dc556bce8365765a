# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""docker-compose.yml: Odoo's official 18.0 image with PostgreSQL 16, our
addons and a configuration that points at the compose database. No Docker
engine is needed: the files are read, not run."""

import configparser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def odoo_service():
    (name,) = [n for n, s in SERVICES.items() if str(s.get("image", "")).startswith("odoo:")]
    return SERVICES[name]


def db_service():
    (name,) = [n for n, s in SERVICES.items() if str(s.get("image", "")).startswith("postgres:")]
    return name, SERVICES[name]


def mounts(service):
    """{container path: host path or volume name} of a service."""
    found = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        found[target] = source
    return found


def environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def conf():
    odoo_mounts = mounts(odoo_service())
    parser = configparser.ConfigParser(interpolation=None)
    path = ROOT / odoo_mounts["/etc/odoo/odoo.conf"]
    assert path.is_file()
    parser.read(path)
    return parser["options"]


def test_images():
    assert odoo_service()["image"] == "odoo:18.0"
    assert db_service()[1]["image"] == "postgres:16"


def test_odoo_mounts_our_addons_and_a_conf_file():
    odoo_mounts = mounts(odoo_service())
    assert (ROOT / odoo_mounts["/mnt/extra-addons"]).resolve() == ROOT / "addons"
    assert (ROOT / odoo_mounts["/etc/odoo/odoo.conf"]).is_file()


def test_data_live_in_named_volumes():
    named = set(COMPOSE.get("volumes") or {})
    assert mounts(odoo_service())["/var/lib/odoo"] in named  # filestore
    assert mounts(db_service()[1])["/var/lib/postgresql/data"] in named


def test_port_8069_published():
    assert "8069:8069" in [str(p) for p in odoo_service()["ports"]]


def test_conf_points_at_the_compose_database_and_the_addons():
    options = conf()
    db_name, db = db_service()
    db_env = environment(db)
    assert options["db_host"] == db_name
    assert options["db_user"] == db_env["POSTGRES_USER"]
    assert options["db_password"] == db_env["POSTGRES_PASSWORD"]
    assert {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"} <= set(db_env)
    assert options["addons_path"].split(",") == ["/mnt/extra-addons"]
    assert options["data_dir"] == "/var/lib/odoo"
    assert db_name in odoo_service().get("depends_on", [])
    # The image's entrypoint reads HOST/USER/PASSWORD too: they must agree.
    odoo_env = environment(odoo_service())
    assert odoo_env.get("HOST", db_name) == db_name
    assert odoo_env.get("USER", db_env["POSTGRES_USER"]) == db_env["POSTGRES_USER"]
    assert odoo_env.get("PASSWORD", db_env["POSTGRES_PASSWORD"]) == db_env["POSTGRES_PASSWORD"]
