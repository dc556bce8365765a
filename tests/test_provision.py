# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Provisioning of Odoo into .adv/ (tools/provision.py), without network and
without installing anything heavy: a tiny fake Odoo tree, real archives, a
real git repository, real virtual environments; pip and apt-get are recorded
instead of run, except in one test where a real pip installs a local wheel."""

import base64
import hashlib
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import provision  # noqa: E402

P = provision


def fake_tree(dest, series="18.0", marker="", requirements=""):
    """The least of an Odoo source tree: odoo/__init__.py, odoo/release.py,
    odoo-bin, addons/ and requirements.txt."""
    major, minor = series.split(".")
    (dest / "odoo" / "addons").mkdir(parents=True)
    (dest / "addons" / "fake_app").mkdir(parents=True)
    (dest / "addons" / "fake_app" / "__manifest__.py").write_text("{'name': 'Fake'}\n")
    (dest / "odoo" / "__init__.py").write_text(f"MARKER = {marker!r}\n")
    (dest / "odoo" / "release.py").write_text(
        f"version_info = ({major}, {minor}, 0, 'final', 0, '')\nversion = '{series}'\n"
    )
    (dest / "odoo-bin").write_text("import odoo\n")
    (dest / "requirements.txt").write_text(requirements)
    return dest


class FakeRun:
    """subprocess.run for the provisioner: records every command; pip install
    and apt-get are not run; the venv is a real one made without pip (fast);
    dpkg-query answers from ``installed``; the rest (git, python) really runs."""

    def __init__(self, pip_rc=0, apt_rc=0, installed=()):
        self.calls = []
        self.pip_rc = pip_rc
        self.apt_rc = apt_rc
        self.installed = set(installed)

    def __call__(self, cmd, **kwargs):
        cmd = [str(c) for c in cmd]
        self.calls.append((cmd, kwargs))
        if cmd[1:4] == ["-m", "pip", "install"]:
            return subprocess.CompletedProcess(cmd, self.pip_rc, "", "")
        if cmd[1:3] == ["-m", "venv"]:
            return subprocess.run([cmd[0], "-m", "venv", "--without-pip", cmd[3]], **kwargs)
        if cmd[0] == "dpkg-query":
            ok = cmd[-1] in self.installed
            return subprocess.CompletedProcess(cmd, 0 if ok else 1, "install ok installed", "")
        if cmd[0] == "apt-get":
            return subprocess.CompletedProcess(cmd, self.apt_rc, "", "E: no such package")
        return subprocess.run(cmd, **kwargs)

    def commands(self, first):
        return [c for c, _ in self.calls if c[0] == first or c[1:3] == first.split()]

    def pip_calls(self):
        return [(c, kw) for c, kw in self.calls if c[1:4] == ["-m", "pip", "install"]]


@pytest.fixture
def ours(tmp_path):
    path = tmp_path / "our-requirements.txt"
    path.write_text("# nothing\n")
    return path


def provisioner(state, value, ours, run, sha256=None, messages=None, **kwargs):
    kwargs.setdefault("is_debian", False)
    say = messages.append if messages is not None else (lambda _msg: None)
    source = P.Source.parse(value, sha256)
    return P.Provisioner(state, source, ours, python=sys.executable, say=say, run=run, **kwargs)


def venv_odoo(result):
    """What the provisioned venv imports: (series, the odoo package file)."""
    res = subprocess.run(
        [result.python, "-c", "import odoo, odoo.release as r; print(r.version, odoo.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(Path(result.python).parent),
        env={"PATH": "/usr/bin:/bin"},
    )
    return res.stdout.split()


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_zip(tree, dest):
    with zipfile.ZipFile(dest, "w") as zf:
        for path in sorted(tree.rglob("*")):
            zf.write(path, path.relative_to(tree).as_posix())
    return dest


# ---------------------------------------------------------------------------
# sources
# ---------------------------------------------------------------------------
def test_folder_source_used_in_place_and_real_command_lines(tmp_path, ours):
    tree = fake_tree(tmp_path / "src")
    state, run = tmp_path / "state", FakeRun()
    done = provisioner(state, str(tree), ours, run).ensure()

    assert not done.reused and done.root == str(tree)
    assert done.python == str(state / "venv" / "bin" / "python")
    assert not (state / "odoo").exists()  # a folder is not copied
    series, package = venv_odoo(done)
    assert series == "18.0" and package == str(tree / "odoo" / "__init__.py")

    # The venv: made by the interpreter running ./adv, without system site-packages.
    (venv_cmd,) = [c for c, _ in run.calls if c[1:3] == ["-m", "venv"]]
    assert venv_cmd == [sys.executable, "-m", "venv", str(state / "venv")]
    assert "system-site-packages = false" in (state / "venv" / "pyvenv.cfg").read_text()
    # pip: Odoo's requirements then ours, the build constraints through the environment.
    ((pip_cmd, kwargs),) = run.pip_calls()
    assert pip_cmd == [
        done.python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
        "-r", str(tree / "requirements.txt"), "-r", str(ours),
    ]  # fmt: skip
    constraints = kwargs["env"]["PIP_CONSTRAINT"].split()[-1]
    assert Path(constraints).read_text().splitlines()[1:] == ["setuptools<70"]
    assert "PYTHONPATH" not in kwargs["env"]


def test_tar_gz_archive_with_one_top_folder(tmp_path, ours):
    tree = fake_tree(tmp_path / "src", marker="tar")
    archive = P.build_archive(tree, tmp_path / "odoo.tar.gz")
    state = tmp_path / "state"
    done = provisioner(state, str(archive), ours, FakeRun(), sha256=sha(archive)).ensure()

    assert done.root == str(state / "odoo")
    assert (state / "odoo" / "odoo-bin").is_file()
    assert (state / "odoo" / "addons" / "fake_app" / "__manifest__.py").is_file()
    assert venv_odoo(done) == ["18.0", str(state / "odoo" / "odoo" / "__init__.py")]
    assert archive.is_file()  # the user's archive is left alone
    assert not (state / "odoo.partial").exists()


def test_zip_archive_without_top_folder(tmp_path, ours):
    archive = make_zip(fake_tree(tmp_path / "src", marker="zip"), tmp_path / "odoo.zip")
    state = tmp_path / "state"
    done = provisioner(state, str(archive), ours, FakeRun()).ensure()
    assert "MARKER = 'zip'" in (state / "odoo" / "odoo" / "__init__.py").read_text()
    assert venv_odoo(done)[0] == "18.0"


def test_url_download_goes_through_a_part_file_and_is_checked(tmp_path, ours):
    archive = P.build_archive(fake_tree(tmp_path / "src"), tmp_path / "odoo-18.0.tar.gz")
    state, messages = tmp_path / "state", []
    url = archive.as_uri()  # file:// takes the same download code as https://
    done = provisioner(state, url, ours, FakeRun(), sha256=sha(archive), messages=messages).ensure()
    assert venv_odoo(done)[0] == "18.0"
    assert list((state / "downloads").iterdir()) == []  # no .part, archive removed once unpacked
    assert any(m.startswith("[2/5] Odoo source: downloading file://") for m in messages)
    assert "SHA-256 verified" in "\n".join(messages)


def git(*args, cwd):
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


def test_git_source_at_a_commit_then_a_branch(tmp_path, ours):
    work = fake_tree(tmp_path / "work", marker="first")
    git("init", "-q", "-b", "main", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "first", cwd=work)
    first = git("rev-parse", "HEAD", cwd=work)
    (work / "odoo" / "__init__.py").write_text("MARKER = 'second'\n")
    git("commit", "-q", "-am", "second", cwd=work)
    bare = tmp_path / "odoo.git"
    git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp_path)

    state, run = tmp_path / "state", FakeRun()
    url = f"git+{bare.as_uri()}"
    done = provisioner(state, f"{url}@{first}", ours, run).ensure()
    assert "MARKER = 'first'" in (state / "odoo" / "odoo" / "__init__.py").read_text()
    assert venv_odoo(done)[0] == "18.0"
    assert git("rev-parse", "HEAD", cwd=state / "odoo") == first

    # Another ref is another source: redone.
    done = provisioner(state, f"{url}@main", ours, run).ensure()
    assert not done.reused
    assert "MARKER = 'second'" in (state / "odoo" / "odoo" / "__init__.py").read_text()


def test_parse_sources(tmp_path):
    src = P.Source.parse("git+https://github.com/odoo/odoo.git@18.0")
    assert (src.kind, src.location, src.ref) == ("git", "https://github.com/odoo/odoo.git", "18.0")
    src = P.Source.parse("git+ssh://git@example.com/odoo.git")  # a user, not a ref
    assert (src.location, src.ref) == ("ssh://git@example.com/odoo.git", "18.0")
    src = P.Source.parse("git+ssh://git@example.com/odoo.git@v18")
    assert (src.location, src.ref) == ("ssh://git@example.com/odoo.git", "v18")
    assert P.Source.parse("https://example.com/odoo.zip?x=1").kind == "url"
    for bad in ("https://example.com/odoo", str(tmp_path / "missing.tar.gz")):
        with pytest.raises(P.ProvisionError, match="source step"):
            P.Source.parse(bad)
    with pytest.raises(P.ProvisionError, match="checksum step"):
        P.Source.parse("", "not-a-sha")


def test_other_series_refused(tmp_path, ours):
    tree = fake_tree(tmp_path / "src", series="17.0")
    archive = P.build_archive(tree, tmp_path / "odoo.tar.gz")
    with pytest.raises(P.ProvisionError, match=r"source step: .* is Odoo 17\.0, ADV Suite needs"):
        provisioner(tmp_path / "state", str(archive), ours, FakeRun()).ensure()
    assert not (tmp_path / "state" / "odoo").exists()
    assert not (tmp_path / "state" / "odoo.partial").exists()


# ---------------------------------------------------------------------------
# checksum
# ---------------------------------------------------------------------------
def test_checksum_mismatch_refused(tmp_path, ours):
    archive = P.build_archive(fake_tree(tmp_path / "src"), tmp_path / "odoo.tar.gz")
    wrong = "0" * 64
    for value in (str(archive), archive.as_uri()):
        state, run = tmp_path / "state", FakeRun()
        with pytest.raises(P.ProvisionError) as caught:
            provisioner(state, value, ours, run, sha256=wrong).ensure()
        assert caught.value.step == "checksum"
        assert f"has SHA-256 {sha(archive)}, expected {wrong}" in str(caught.value)
        assert not (state / "odoo").exists()
        assert not (state / "provision" / "source.json").exists()
        assert not any((state / "downloads").glob("*")) if (state / "downloads").exists() else True
        assert run.pip_calls() == [] and not (state / "venv").exists()


def test_default_source_is_never_used_unverified(tmp_path, ours, monkeypatch):
    monkeypatch.setattr(P, "DEFAULT_SOURCE_SHA256", "")
    source = P.Source.from_env({})
    assert source.default and source.location == P.DEFAULT_SOURCE_URL
    run = FakeRun()
    prov = P.Provisioner(tmp_path / "state", source, ours, say=lambda _m: None, run=run)
    with pytest.raises(P.ProvisionError) as caught:
        prov.ensure()
    assert caught.value.step == "checksum" and "ODOO_SOURCE_SHA256" in str(caught.value)
    assert run.calls == []  # refused before anything was done
    # A checksum given for the default is the one checked.
    assert P.Source.from_env({"ODOO_SOURCE_SHA256": "A" * 64}).sha256 == "a" * 64


# ---------------------------------------------------------------------------
# reuse and recovery
# ---------------------------------------------------------------------------
def test_second_start_reuses_everything_fast(tmp_path, ours):
    archive = P.build_archive(fake_tree(tmp_path / "src"), tmp_path / "odoo.tar.gz")
    state = tmp_path / "state"
    provisioner(state, str(archive), ours, FakeRun(), sha256=sha(archive)).ensure()

    run, messages = FakeRun(), []
    started = time.monotonic()
    done = provisioner(state, str(archive), ours, run, sha256=sha(archive), messages=messages)
    done = done.ensure()
    assert time.monotonic() - started < 1
    assert done.reused and run.calls == []
    assert len(messages) == 1 and "reused" in messages[0]


def test_changed_requirements_reinstall_without_remaking_the_venv(tmp_path, ours):
    tree = fake_tree(tmp_path / "src")
    state = tmp_path / "state"
    provisioner(state, str(tree), ours, FakeRun()).ensure()
    python = state / "venv" / "bin" / "python"
    made = python.lstat().st_mtime_ns
    ours.write_text("# one more tool\n")
    run = FakeRun()
    done = provisioner(state, str(tree), ours, run).ensure()
    assert not done.reused and len(run.pip_calls()) == 1
    assert [c for c, _ in run.calls if c[1:3] == ["-m", "venv"]] == []
    assert python.lstat().st_mtime_ns == made


def test_interrupted_download_and_unpack_are_redone(tmp_path, ours):
    archive = P.build_archive(fake_tree(tmp_path / "src"), tmp_path / "odoo-18.0.tar.gz")
    state, messages = tmp_path / "state", []
    (state / "downloads").mkdir(parents=True)
    (state / "downloads" / "odoo-18.0.tar.gz.part").write_bytes(b"half an archive")
    (state / "odoo.partial" / "odoo").mkdir(parents=True)  # an unpack cut short
    prov = provisioner(state, archive.as_uri(), ours, FakeRun(), sha(archive), messages)
    assert venv_odoo(prov.ensure())[0] == "18.0"
    text = "\n".join(messages)
    assert "removing an unfinished download" in text and "removing an unfinished unpack" in text
    assert not (state / "odoo.partial").exists()
    assert list((state / "downloads").iterdir()) == []


def test_missing_source_stamp_redoes_the_source(tmp_path, ours):
    archive = P.build_archive(fake_tree(tmp_path / "src", marker="good"), tmp_path / "o.tar.gz")
    state = tmp_path / "state"
    provisioner(state, str(archive), ours, FakeRun()).ensure()
    # An unpack that died before its stamp: a damaged tree, no stamp.
    (state / "provision" / "source.json").unlink()
    (state / "odoo" / "odoo" / "__init__.py").write_text("raise ImportError('half')\n")
    run = FakeRun()
    done = provisioner(state, str(archive), ours, run).ensure()
    assert not done.reused and venv_odoo(done)[0] == "18.0"
    assert "MARKER = 'good'" in (state / "odoo" / "odoo" / "__init__.py").read_text()
    assert len(run.pip_calls()) == 1


def test_interrupted_pip_remakes_the_venv(tmp_path, ours):
    tree = fake_tree(tmp_path / "src")
    state = tmp_path / "state"
    with pytest.raises(P.ProvisionError) as caught:
        provisioner(state, str(tree), ours, FakeRun(pip_rc=1)).ensure()
    assert caught.value.step == "pip" and "run the command again" in str(caught.value)
    assert (state / "provision" / "pip.running").exists()
    assert not (state / "provision" / "packages.json").exists()

    run, messages = FakeRun(), []
    done = provisioner(state, str(tree), ours, run, messages=messages).ensure()
    assert not done.reused
    assert "pip install was interrupted" in "\n".join(messages)
    assert len([c for c, _ in run.calls if c[1:3] == ["-m", "venv"]]) == 1
    assert len(run.pip_calls()) == 1
    assert not (state / "provision" / "pip.running").exists()
    assert provisioner(state, str(tree), ours, FakeRun()).ensure().reused


# ---------------------------------------------------------------------------
# system packages
# ---------------------------------------------------------------------------
def test_apt_installs_what_is_missing_as_root(tmp_path, ours, monkeypatch):
    monkeypatch.setattr(P, "PACKAGE_COMMANDS", {})
    tree = fake_tree(tmp_path / "src")
    run = FakeRun(installed={"libpq-dev", "chromium"})
    provisioner(tmp_path / "s", str(tree), ours, run, is_debian=True, is_root=True).ensure()
    apt = [(c, kw) for c, kw in run.calls if c[0] == "apt-get"]
    assert [c for c, _ in apt] == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "libldap2-dev", "libsasl2-dev", "wkhtmltopdf"],
    ]
    assert all(kw["env"]["DEBIAN_FRONTEND"] == "noninteractive" for _, kw in apt)


def test_apt_names_the_packages_when_not_root(tmp_path, ours, monkeypatch):
    monkeypatch.setattr(P, "PACKAGE_COMMANDS", {})
    monkeypatch.setattr(P.shutil, "which", lambda _name: None)  # no C compiler either
    tree = fake_tree(tmp_path / "src")
    run, messages = FakeRun(installed=set(P.SYSTEM_PACKAGES) - {"libpq-dev"}), []
    prov = provisioner(tmp_path / "s", str(tree), ours, run, None, messages, is_debian=True)
    prov.is_root = False
    prov.ensure()
    assert [c for c, _ in run.calls if c[0] == "apt-get"] == []
    (line,) = [m for m in messages if m.startswith("[1/5]")]
    assert "missing libpq-dev, build-essential" in line
    assert "sudo apt-get install libpq-dev build-essential" in line


def test_adv_no_apt_names_the_packages_even_as_root(tmp_path, ours, monkeypatch):
    monkeypatch.setattr(P, "PACKAGE_COMMANDS", {})
    monkeypatch.setenv("ADV_NO_APT", "1")
    monkeypatch.setenv("ODOO_SOURCE", str(fake_tree(tmp_path / "src")))
    run, messages = FakeRun(installed=set(P.SYSTEM_PACKAGES) - {"chromium"}), []
    prov = P.from_env(tmp_path / "s", ours, say=messages.append, run=run)
    prov.is_debian = prov.is_root = True
    prov.ensure()
    assert [c for c, _ in run.calls if c[0] == "apt-get"] == []
    (line,) = [m for m in messages if m.startswith("[1/5]")]
    assert "missing chromium; ADV_NO_APT is set, so not installed" in line


def test_apt_failure_is_named(tmp_path, ours, monkeypatch):
    monkeypatch.setattr(P, "PACKAGE_COMMANDS", {})
    tree = fake_tree(tmp_path / "src")
    run = FakeRun(apt_rc=100)
    prov = provisioner(tmp_path / "s", str(tree), ours, run, is_debian=True, is_root=True)
    with pytest.raises(P.ProvisionError) as caught:
        prov.ensure()
    assert caught.value.step == "apt" and "E: no such package" in str(caught.value)
    assert run.pip_calls() == []


# ---------------------------------------------------------------------------
# one real pip
# ---------------------------------------------------------------------------
def local_wheel(folder):
    """A pure-Python wheel made by hand: installing it needs no network."""
    files = {
        "advfake/__init__.py": b"VALUE = 42\n",
        "advfake-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: advfake\nVersion: 1.0\n",
        "advfake-1.0.dist-info/WHEEL": (
            b"Wheel-Version: 1.0\nGenerator: adv-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append("advfake-1.0.dist-info/RECORD,,")
    files["advfake-1.0.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = folder / "advfake-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return wheel


def test_real_pip_installs_the_requirements(tmp_path, ours):
    wheel = local_wheel(tmp_path)
    tree = fake_tree(tmp_path / "src", requirements=f"{wheel}\n")
    state = tmp_path / "state"
    prov = provisioner(state, str(tree), ours, subprocess.run)
    done = prov.ensure()
    res = subprocess.run(
        [done.python, "-c", "import advfake, odoo.release as r; print(advfake.VALUE, r.version)"],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
    )
    assert res.stdout.split() == ["42", "18.0"], res.stderr
    assert (state / "provision" / "packages.json").is_file()
    assert provisioner(state, str(tree), ours, subprocess.run).ensure().reused


# ---------------------------------------------------------------------------
# ./adv itself: provision when Odoo is missing, then go on with the venv
# ---------------------------------------------------------------------------
def test_adv_provisions_then_restarts_with_the_venv(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "tools").mkdir(parents=True)
    (checkout / "addons").mkdir()
    for name in ("adv", "odoo.conf", "tools/adv.py", "tools/provision.py"):
        shutil.copy2(ROOT / name, checkout / name)
    (checkout / "requirements.txt").write_text("# nothing\n")
    tree = fake_tree(tmp_path / "src")
    # An Odoo that says who imports it, then stops ./adv run right there.
    (tree / "odoo" / "__init__.py").write_text(
        "import sys\nraise ImportError('fake Odoo imported by ' + sys.executable)\n"
    )
    bare = tmp_path / "bare"  # a Python that cannot import odoo
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHON": str(bare / "bin" / "python"),
        "ODOO_SOURCE": str(tree),
        "ADV_NO_APT": "1",
    }
    venv_python = checkout / ".adv" / "venv" / "bin" / "python"
    for attempt in ("first", "second"):
        res = subprocess.run(
            [str(checkout / "adv"), "run"], capture_output=True, text=True, env=env, timeout=300
        )
        assert res.returncode == 1, res.stdout + res.stderr
        # Odoo came from the provisioned tree, imported by the venv's Python,
        # in the restarted command (which did not provision again).
        assert f"fake Odoo imported by {venv_python}" in res.stderr
        assert res.stdout.count("Provisioning Odoo") == (attempt == "first")
        if attempt == "second":
            assert "reused" in res.stdout
