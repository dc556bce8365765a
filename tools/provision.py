# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Provisioning of Odoo 18.0 Community into ``.adv/`` of the checkout.

Used by ``./adv run`` and ``./adv test`` when ``import odoo`` fails and
ODOO_PATH is unset. What it makes, in the state folder (``.adv/``):

- ``odoo/``: the Odoo source tree, unpacked from ODOO_SOURCE (a local folder
  is used where it is, not copied);
- ``venv/``: a virtual environment of the interpreter running ./adv, with
  Odoo's own requirements.txt and ours installed, and a ``.pth`` file that
  makes the source tree importable;
- ``provision/``: the stamp files (written only after a step succeeded), the
  build constraints and pip's log.

A step whose stamp matches what it would do is skipped: a second start does
nothing but compare a few small files. A step interrupted half-way (a
``.part`` download, an ``odoo.partial`` folder, a pip run that never wrote
its stamp) is detected and done again from the start.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

SERIES = "18.0"

# The default Odoo source: Odoo S.A.'s official nightly source archive of
# 18.0. It is NOT PINNED in this version of ADV Suite: no checksum of an
# official archive could be verified when this was written, and an
# unverified download is refused, so the default needs ODOO_SOURCE_SHA256 (or
# another ODOO_SOURCE) until a maintainer pins a dated archive here: see
# "Pinning the default Odoo source" in README.md.
DEFAULT_SOURCE_URL = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
DEFAULT_SOURCE_SHA256 = ""

# Build constraints for the old sdists of Odoo's requirements.txt: they are
# given through PIP_CONSTRAINT so that pip's build-isolation environments get
# them too (a constraint on the command line does not reach them).
# setuptools 70 dropped what the setup.py of several pinned releases use.
# No cython pin: none of the releases Odoo 18.0 pins for Python 3.10 to 3.12
# builds with Cython (gevent and greenlet come as wheels).
BUILD_CONSTRAINTS = ("setuptools<70",)

# Debian packages Odoo needs: headers to build psycopg2 and python-ldap,
# Chromium for the browser tours, wkhtmltopdf for PDF documents.
SYSTEM_PACKAGES = ("libpq-dev", "libldap2-dev", "libsasl2-dev", "chromium", "wkhtmltopdf")
# Installed commands that stand for a package installed another way.
PACKAGE_COMMANDS = {"chromium": ("chromium", "chromium-browser"), "wkhtmltopdf": ("wkhtmltopdf",)}

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".zip")
PTH_NAME = "adv-odoo.pth"
STEPS = 5


class ProvisionError(Exception):
    """A step that failed: which one (download, checksum, source, apt,
    venv, pip), what happened, and what to do."""

    def __init__(self, step, what, todo):
        super().__init__(
            f"Provisioning Odoo {SERIES} failed at the {step} step: {what}\n  What to do: {todo}"
        )
        self.step = step


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def split_git_url(rest):
    """(url, ref) of what follows ``git+``: ``https://host/x.git@ref``.
    An ``@`` before the path (``ssh://git@host/x.git``) is a user, not a ref."""
    head, sep, ref = rest.rpartition("@")
    if sep and ref and "/" in head.split("://", 1)[-1]:
        return head, ref
    return rest, None


def odoo_series(root):
    """The series (``18.0``) of the Odoo source tree at root, from
    odoo/release.py, or None when root holds no Odoo."""
    release = Path(root) / "odoo" / "release.py"
    if not (Path(root) / "odoo" / "__init__.py").is_file() or not release.is_file():
        return None
    found = re.search(
        r"^version_info\s*=\s*\(\s*(\d+)\s*,\s*(\d+)", release.read_text(errors="replace"), re.M
    )
    return f"{found.group(1)}.{found.group(2)}" if found else "unknown"


def find_root(folder):
    """The Odoo tree in an unpacked archive: the folder itself, or its only
    top folder (official archives wrap everything in one)."""
    folder = Path(folder)
    if odoo_series(folder):
        return folder
    children = [p for p in folder.iterdir() if p.is_dir()]
    for child in children:
        if odoo_series(child):
            return child
    return None


class Source:
    """Where Odoo comes from: ODOO_SOURCE (and ODOO_SOURCE_SHA256)."""

    def __init__(self, kind, location, ref=None, sha256=None, default=False):
        self.kind = kind  # folder, archive, url, git
        self.location = location
        self.ref = ref
        self.sha256 = sha256
        self.default = default

    @classmethod
    def parse(cls, value, sha256=None):
        value = (value or "").strip()
        sha256 = (sha256 or "").strip().lower() or None
        if sha256 and not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ProvisionError(
                "checksum",
                f"ODOO_SOURCE_SHA256={sha256} is not a SHA-256 (64 hexadecimal digits)",
                "set it to the output of 'sha256sum <archive>', or unset it",
            )
        if not value:
            pinned = sha256 or DEFAULT_SOURCE_SHA256 or None
            return cls("url", DEFAULT_SOURCE_URL, sha256=pinned, default=True)
        if value.startswith("git+"):
            url, ref = split_git_url(value[len("git+") :])
            return cls("git", url, ref=ref or SERIES)
        archive = value.lower().split("?", 1)[0].endswith(ARCHIVE_SUFFIXES)
        if re.match(r"^(https?|file)://", value):
            if not archive:
                raise ProvisionError(
                    "source",
                    f"ODOO_SOURCE={value} does not name a .tar.gz or .zip archive",
                    "give the URL of an Odoo 18.0 source archive, or git+<url>@<ref>",
                )
            return cls("url", value, sha256=sha256)
        path = Path(value).expanduser().resolve()
        if path.is_dir():
            return cls("folder", str(path))
        if path.is_file() and archive:
            return cls("archive", str(path), sha256=sha256)
        raise ProvisionError(
            "source",
            f"ODOO_SOURCE={value} is neither an existing folder, nor a .tar.gz or .zip "
            "archive, nor an http(s) URL of one, nor git+<url>@<ref>",
            "point ODOO_SOURCE at an Odoo 18.0 source, or unset it for the default",
        )

    @classmethod
    def from_env(cls, environ=None):
        environ = os.environ if environ is None else environ
        return cls.parse(environ.get("ODOO_SOURCE"), environ.get("ODOO_SOURCE_SHA256"))

    def identity(self):
        """What the source stamp records: when it changes, the source is redone."""
        if self.kind == "archive":
            st = os.stat(self.location)
            return f"archive {self.location} {st.st_size} {st.st_mtime_ns} {self.sha256 or '-'}"
        if self.kind == "url":
            return f"url {self.location} {self.sha256 or '-'}"
        if self.kind == "git":
            return f"git {self.location}@{self.ref}"
        return f"folder {self.location}"

    def __str__(self):
        if self.kind == "git":
            return f"git {self.location} at {self.ref}"
        return self.location


class Provisioned:
    def __init__(self, python, root, reused):
        self.python = python
        self.root = root
        self.reused = reused


class Provisioner:
    """Provision Odoo for one state folder. ``run`` (subprocess.run's
    signature) and ``say`` are injectable for the unit tests; ``is_root`` and
    ``is_debian`` too."""

    def __init__(
        self,
        state,
        source,
        our_requirements,
        python=sys.executable,
        say=print,
        run=subprocess.run,
        is_root=None,
        is_debian=None,
        apt=True,
    ):
        self.state = Path(state)
        self.source = source
        self.our_requirements = Path(our_requirements)
        self.python = python
        self.say = say
        self.run = run
        self.is_root = (os.geteuid() == 0) if is_root is None else is_root
        if is_debian is None:
            is_debian = Path("/etc/debian_version").is_file() and bool(shutil.which("apt-get"))
        self.is_debian = is_debian
        self.apt = apt
        self.meta = self.state / "provision"
        self.src_dir = self.state / "odoo"
        self.partial = self.state / "odoo.partial"
        self.downloads = self.state / "downloads"
        self.venv = self.state / "venv"
        self.pip_running = self.meta / "pip.running"
        self.pip_log = self.meta / "pip.log"
        self.constraints = self.meta / "build-constraints.txt"

    # -- stamps ---------------------------------------------------------------
    def _stamp(self, name):
        path = self.meta / f"{name}.json"
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            return None

    def _write_stamp(self, name, data):
        self.meta.mkdir(parents=True, exist_ok=True)
        tmp = self.meta / f"{name}.json.tmp"
        tmp.write_text(json.dumps(data, indent=1) + "\n")
        os.replace(tmp, self.meta / f"{name}.json")

    def _drop_stamp(self, name):
        (self.meta / f"{name}.json").unlink(missing_ok=True)

    @property
    def venv_python(self):
        return self.venv / "bin" / "python"

    def root(self):
        """The Odoo tree in use: the folder source itself, else .adv/odoo."""
        if self.source.kind == "folder":
            return Path(self.source.location)
        stamp = self._stamp("source") or {}
        return Path(stamp.get("root") or self.src_dir)

    def _python_identity(self):
        return os.path.realpath(self.python)

    def _packages_hash(self, root):
        digest = hashlib.sha256()
        for part in (
            (root / "requirements.txt").read_bytes(),
            self.our_requirements.read_bytes(),
            "\n".join(BUILD_CONSTRAINTS).encode(),
            self._python_identity().encode(),
        ):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()

    def source_ok(self):
        stamp = self._stamp("source")
        if not stamp or stamp.get("identity") != self.source.identity():
            return False
        return odoo_series(stamp.get("root", "")) == SERIES

    def venv_ok(self):
        stamp = self._stamp("venv")
        return bool(
            stamp
            and stamp.get("python") == self._python_identity()
            and self.venv_python.exists()
            and not self.pip_running.exists()
        )

    def packages_ok(self, root):
        stamp = self._stamp("packages")
        try:
            return bool(stamp and stamp.get("hash") == self._packages_hash(root))
        except OSError:
            return False

    def pth_ok(self, root):
        stamp = self._stamp("venv") or {}
        pth = Path(stamp.get("purelib", "")) / PTH_NAME
        return pth.is_file() and pth.read_text().strip() == str(root)

    # -- the whole ------------------------------------------------------------
    def ensure(self):
        """Make or reuse the provisioned Odoo; returns a Provisioned."""
        started = time.monotonic()
        todo_source = not self.source_ok()
        todo_venv = not self.venv_ok()
        root = self.root()
        todo_packages = todo_source or todo_venv or not self.packages_ok(root)
        if not (todo_source or todo_venv or todo_packages) and self.pth_ok(root):
            self.say(f"Odoo {SERIES} provisioned in {self.state}: reused ({self.venv_python})")
            return Provisioned(str(self.venv_python), str(root), True)

        if todo_source:
            self.check_pinned()
        self.say(
            f"== Provisioning Odoo {SERIES} Community into {self.state} "
            "(the first time takes a few minutes) =="
        )
        self.state.mkdir(parents=True, exist_ok=True)
        self.meta.mkdir(exist_ok=True)
        if todo_packages:
            self.system_packages()
        else:
            self._step(1, "system packages: not needed (nothing to build)")
        if todo_source:
            root = self.fetch_source()
        else:
            self._step(2, f"Odoo source: reused {root}")
            self._step(3, "unpack: reused")
        if todo_venv:
            self.make_venv()
        else:
            self._step(4, f"virtual environment: reused {self.venv}")
        self.link_odoo(root)
        if todo_packages:
            self.install_packages(root)
        else:
            self._step(5, "Python packages: reused")
        self.say(
            f"== Odoo {SERIES} ready in {self.state} ({time.monotonic() - started:.0f}s); "
            f"./adv runs it with {self.venv_python} =="
        )
        return Provisioned(str(self.venv_python), str(root), False)

    def _step(self, number, text):
        self.say(f"[{number}/{STEPS}] {text}")

    # -- 1. system packages ---------------------------------------------------
    def _interpreter_needs(self):
        """Debian packages the interpreter itself lacks to build and make venvs."""
        code = (
            "import importlib.util, os, sysconfig\n"
            "print(int(importlib.util.find_spec('ensurepip') is not None))\n"
            "print(int(os.path.isfile(os.path.join(sysconfig.get_paths()['include'], "
            "'Python.h'))))\n"
        )
        res = self.run([self.python, "-c", code], capture_output=True, text=True)
        flags = (res.stdout or "").split() if res.returncode == 0 else []
        needs = []
        if flags[:1] == ["0"]:
            needs.append("python3-venv")
        if flags[1:2] == ["0"]:
            needs.append("python3-dev")
        if not (shutil.which("cc") or shutil.which("gcc")):
            needs.append("build-essential")
        return needs

    def _installed(self, package):
        if any(shutil.which(cmd) for cmd in PACKAGE_COMMANDS.get(package, ())):
            return True
        res = self.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
        )
        return res.returncode == 0 and "install ok installed" in (res.stdout or "")

    def missing_system_packages(self):
        wanted = [*SYSTEM_PACKAGES, *self._interpreter_needs()]
        return [p for p in wanted if not self._installed(p)]

    def system_packages(self):
        if not self.is_debian:
            self._step(
                1,
                "system packages: not a Debian system, make sure you have the equivalents "
                f"of {', '.join(SYSTEM_PACKAGES)} (and a C compiler, Python headers)",
            )
            return
        missing = self.missing_system_packages()
        if not missing:
            self._step(1, "system packages: all present")
            return
        if not (self.is_root and self.apt):
            why = "ADV_NO_APT is set" if self.is_root else "not root"
            self._step(
                1,
                f"system packages: missing {', '.join(missing)}; {why}, so not installed: "
                f"run 'sudo apt-get install {' '.join(missing)}' if a build below fails",
            )
            return
        self._step(1, f"system packages: apt-get install {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", *missing],
        ):
            res = self.run(cmd, env=env, capture_output=True, text=True)
            if res.returncode:
                tail = ((res.stdout or "") + (res.stderr or ""))[-1500:]
                raise ProvisionError(
                    "apt",
                    f"'{' '.join(cmd)}' failed (exit {res.returncode}):\n{tail}",
                    f"install {' '.join(missing)} yourself (package names may differ on your "
                    "release), then run the command again",
                )

    # -- 2-3. the Odoo source ---------------------------------------------------
    def check_pinned(self):
        """The default source is never downloaded without its checksum."""
        if self.source.default and not self.source.sha256:
            raise ProvisionError(
                "checksum",
                f"the default Odoo source {self.source.location} has no pinned SHA-256 in "
                "this version of ADV Suite, and an unverified download is refused",
                "set ODOO_SOURCE_SHA256 to the SHA-256 of that archive as you trust it, or set "
                "ODOO_SOURCE to an Odoo 18.0 folder, .tar.gz/.zip archive or "
                "git+https://github.com/odoo/odoo.git@18.0",
            )

    def fetch_source(self):
        self.check_pinned()
        self._drop_stamp("source")
        if self.partial.exists():
            self.say(f"   removing an unfinished unpack: {self.partial}")
            shutil.rmtree(self.partial)
        kind = self.source.kind
        if kind == "folder":
            self._step(2, f"Odoo source: the folder {self.source.location} (used in place)")
            root = Path(self.source.location)
            self._check_series(root, self.source.location)
            self._step(3, "unpack: nothing to unpack")
            self._write_stamp("source", {"identity": self.source.identity(), "root": str(root)})
            return root
        if kind == "git":
            root, extra = self._git_checkout(), {}
        else:
            archive, digest, downloaded = self._archive()
            self._step(3, f"unpack: {archive.name} into {self.src_dir}")
            try:
                self._unpack(archive, self.partial)
            finally:
                if downloaded:
                    archive.unlink(missing_ok=True)
            root, extra = find_root(self.partial), {"sha256": digest}
            if root is None:
                shutil.rmtree(self.partial, ignore_errors=True)
                raise ProvisionError(
                    "source",
                    f"{self.source} holds no Odoo tree (no odoo/__init__.py and odoo/release.py "
                    "at its top or in its top folder)",
                    "give an Odoo 18.0 source archive",
                )
        self._check_series(root, self.source)
        if self.src_dir.exists():
            shutil.rmtree(self.src_dir)
        os.replace(root, self.src_dir)
        shutil.rmtree(self.partial, ignore_errors=True)
        stamp = {"identity": self.source.identity(), "root": str(self.src_dir), **extra}
        self._write_stamp("source", stamp)
        return self.src_dir

    def _check_series(self, root, where):
        series = odoo_series(root)
        if series != SERIES:
            shutil.rmtree(self.partial, ignore_errors=True)
            raise ProvisionError(
                "source",
                f"{where} is "
                + (f"Odoo {series}" if series else "not an Odoo source tree")
                + f", ADV Suite needs {SERIES}",
                f"point ODOO_SOURCE at an Odoo {SERIES} source",
            )

    def _verify(self, digest, name):
        if self.source.sha256 and digest != self.source.sha256:
            raise ProvisionError(
                "checksum",
                f"{name} has SHA-256 {digest}, expected {self.source.sha256}",
                "the archive is corrupt or not the one pinned: download it again (run the "
                "command again), or correct ODOO_SOURCE_SHA256 if the archive is right",
            )

    def _archive(self):
        """(archive path, its SHA-256, True when downloaded here)."""
        if self.source.kind == "archive":
            path = Path(self.source.location)
            self._step(2, f"Odoo source: the archive {path}")
            digest = sha256_of(path)
            self._verify(digest, path.name)
            return path, digest, False
        url = self.source.location
        name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "odoo-source.tar.gz"
        self.downloads.mkdir(parents=True, exist_ok=True)
        target = self.downloads / name
        part = self.downloads / f"{name}.part"
        for stale in (part, target):
            if stale.exists():
                self.say(f"   removing an unfinished download: {stale}")
                stale.unlink()
        self._step(2, f"Odoo source: downloading {url}")
        digest = hashlib.sha256()
        size = 0
        try:
            with urllib.request.urlopen(url, timeout=60) as resp, open(part, "wb") as out:
                for block in iter(lambda: resp.read(1 << 20), b""):
                    out.write(block)
                    digest.update(block)
                    size += len(block)
        except (OSError, ValueError) as exc:
            part.unlink(missing_ok=True)
            raise ProvisionError(
                "download",
                f"could not download {url}: {exc}",
                "check the network (and https_proxy), or download the archive yourself and set "
                "ODOO_SOURCE=/path/to/the/archive (with ODOO_SOURCE_SHA256)",
            ) from exc
        hexdigest = digest.hexdigest()
        try:
            self._verify(hexdigest, url)
        except ProvisionError:
            part.unlink(missing_ok=True)
            raise
        os.replace(part, target)
        checked = "SHA-256 verified" if self.source.sha256 else f"SHA-256 {hexdigest}, not pinned"
        self.say(f"   {size / 1e6:.0f} MB, {checked}")
        return target, hexdigest, True

    def _unpack(self, archive, dest):
        dest.mkdir(parents=True)
        try:
            if archive.name.lower().endswith(".zip"):
                with zipfile.ZipFile(archive) as zf:
                    zf.extractall(dest)
            else:
                with tarfile.open(archive, "r:*") as tf:
                    if hasattr(tarfile, "data_filter"):
                        tf.extractall(dest, filter="data")
                    else:  # Python without extraction filters: refuse unsafe names
                        for member in tf.getmembers():
                            if member.name.startswith("/") or ".." in Path(member.name).parts:
                                raise tarfile.TarError(f"unsafe path {member.name}")
                        tf.extractall(dest)
        except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError) as exc:
            shutil.rmtree(dest, ignore_errors=True)
            raise ProvisionError(
                "source",
                f"could not unpack {archive}: {exc}",
                "the archive is damaged: download it again, or check ODOO_SOURCE",
            ) from exc

    def _git_checkout(self):
        url, ref = self.source.location, self.source.ref
        self._step(2, f"Odoo source: git {url} at {ref}")
        dest = str(self.partial)
        shallow = [
            ["git", "init", "-q", dest],
            ["git", "-C", dest, "fetch", "-q", "--depth", "1", url, ref],
            ["git", "-C", dest, "checkout", "-q", "FETCH_HEAD"],
        ]
        full = [
            ["git", "clone", "-q", "--no-checkout", url, dest],
            ["git", "-C", dest, "checkout", "-q", ref],
        ]
        problem = ""
        for attempt in (shallow, full):
            shutil.rmtree(self.partial, ignore_errors=True)
            for cmd in attempt:
                res = self.run(cmd, capture_output=True, text=True)
                if res.returncode:
                    problem = (res.stderr or res.stdout or "").strip()
                    break
            else:
                problem = ""
                break
        if problem:
            shutil.rmtree(self.partial, ignore_errors=True)
            raise ProvisionError(
                "download",
                f"git could not fetch {url} at {ref}: {problem}",
                "check the URL, the ref (branch, tag or commit) and the network",
            )
        res = self.run(["git", "-C", dest, "rev-parse", "HEAD"], capture_output=True, text=True)
        commit = (res.stdout or "").strip()
        self._step(3, f"unpack: checked out {commit[:12]} into {self.src_dir}")
        return self.partial

    # -- 4. the virtual environment ----------------------------------------------
    def make_venv(self):
        self._drop_stamp("venv")
        self._drop_stamp("packages")
        if self.pip_running.exists():
            self.say("   an earlier pip install was interrupted: the environment is made anew")
        if self.venv.exists():
            shutil.rmtree(self.venv)
        self._step(4, f"virtual environment: {self.venv} with {self.python}")
        res = self.run([self.python, "-m", "venv", str(self.venv)], capture_output=True, text=True)
        if res.returncode:
            raise ProvisionError(
                "venv",
                f"'{self.python} -m venv' failed: {(res.stderr or res.stdout or '').strip()}",
                "on Debian or Ubuntu install python3-venv, then run the command again",
            )
        self.pip_running.unlink(missing_ok=True)
        res = self.run(
            [
                str(self.venv_python),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            capture_output=True,
            text=True,
        )
        purelib = (res.stdout or "").strip()
        if res.returncode or not purelib:
            raise ProvisionError(
                "venv", f"{self.venv_python} does not start", "remove .adv/venv and run again"
            )
        self._write_stamp("venv", {"python": self._python_identity(), "purelib": purelib})

    def link_odoo(self, root):
        """The .pth file that puts the Odoo tree on the venv's path."""
        stamp = self._stamp("venv") or {}
        purelib = Path(stamp["purelib"])
        purelib.mkdir(parents=True, exist_ok=True)
        (purelib / PTH_NAME).write_text(f"{root}\n")

    # -- 5. Python packages --------------------------------------------------------
    def pip_command(self, root):
        return [
            str(self.venv_python),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "-r",
            str(Path(root) / "requirements.txt"),
            "-r",
            str(self.our_requirements),
        ]

    def pip_env(self):
        env = dict(os.environ)
        for var in ("PYTHONPATH", "PIP_USER", "PYTHONHOME", "ODOO_PATH"):
            env.pop(var, None)
        known = env.get("PIP_CONSTRAINT", "").split()
        env["PIP_CONSTRAINT"] = " ".join([*known, str(self.constraints)])
        return env

    def install_packages(self, root):
        reqs = Path(root) / "requirements.txt"
        if not reqs.is_file():
            raise ProvisionError(
                "source", f"{root} has no requirements.txt", "give a complete Odoo 18.0 source"
            )
        self._drop_stamp("packages")
        self.constraints.write_text(
            "# Build constraints for the old sdists of Odoo's requirements (./adv)\n"
            + "\n".join(BUILD_CONSTRAINTS)
            + "\n"
        )
        self._step(
            5,
            f"Python packages: pip install -r {reqs} -r {self.our_requirements.name} "
            f"(log: {self.pip_log})",
        )
        started = time.monotonic()
        self.pip_running.write_text(f"{os.getpid()}\n")
        with open(self.pip_log, "w") as log:
            res = self.run(
                self.pip_command(root), env=self.pip_env(), stdout=log, stderr=subprocess.STDOUT
            )
        if res.returncode:
            tail = self.pip_log.read_text(errors="replace")[-2500:]
            raise ProvisionError(
                "pip",
                f"pip could not install Odoo's requirements (exit {res.returncode}); "
                f"the end of {self.pip_log}:\n{tail}",
                "when a package failed to build, install the system packages named above "
                f"({', '.join(SYSTEM_PACKAGES)}, a C compiler, Python headers); check the "
                "network; then run the command again: it starts this step over",
            )
        self.pip_running.unlink(missing_ok=True)
        self._write_stamp("packages", {"hash": self._packages_hash(Path(root))})
        self.say(f"   installed in {time.monotonic() - started:.0f}s")


def from_env(state, our_requirements, **kwargs):
    """The provisioner ./adv uses: ODOO_SOURCE, ODOO_SOURCE_SHA256, and
    ADV_NO_APT=1 to name the missing system packages instead of installing
    them when running as root."""
    kwargs.setdefault("apt", os.environ.get("ADV_NO_APT", "") in ("", "0"))
    return Provisioner(state, Source.from_env(), our_requirements, **kwargs)


# --------------------------------------------------------------------------
# End to end: ./adv test --provisioning
# --------------------------------------------------------------------------
def build_archive(root, dest, top="odoo-18.0"):
    """A .tar.gz of the Odoo tree at root, laid out as an official source
    archive: one top folder holding odoo/, odoo-bin, addons/ (when there is
    one) and requirements.txt."""

    def no_cache(info):
        parts = Path(info.name).parts
        return None if "__pycache__" in parts or info.name.endswith(".pyc") else info

    root = Path(root)
    with tarfile.open(dest, "w:gz", compresslevel=1) as tf:
        for name in ("odoo", "addons", "odoo-bin", "requirements.txt", "setup.py"):
            if (root / name).exists():
                tf.add(root / name, arcname=f"{top}/{name}", filter=no_cache)
    return dest


def end_to_end(our_requirements, python=sys.executable, say=print, keep=False):
    """Provision a fresh state folder from an archive of the Odoo this
    machine has; returns (passed, failed, skipped) and says each check."""
    probe = subprocess.run(
        [python, "-c", "import os, odoo; print(os.path.dirname(os.path.abspath(odoo.__file__)))"],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    if probe.returncode:
        say("   skipped: this interpreter cannot import odoo, there is no Odoo to archive")
        return 0, 0, 1
    root = Path(probe.stdout.split()[-1]).parent
    if not (root / "requirements.txt").is_file():
        say(f"   skipped: no requirements.txt next to the odoo package in {root}")
        return 0, 0, 1
    work = Path(tempfile.mkdtemp(prefix="adv-provisioning-"))
    checks = []
    timings = {}

    def check(name, ok, detail=""):
        checks.append(ok)
        say(f"   {'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    try:
        started = time.monotonic()
        archive = build_archive(root, work / "odoo-18.0.tar.gz")
        timings["archive"] = time.monotonic() - started
        digest = sha256_of(archive)
        say(
            f"   archive of the machine's Odoo: {archive.stat().st_size / 1e6:.0f} MB "
            f"in {timings['archive']:.0f}s"
        )
        state = work / "state"
        source = Source.parse(str(archive), digest)
        prov = Provisioner(state, source, our_requirements, python=python, say=say)
        started = time.monotonic()
        try:
            first = prov.ensure()
        except ProvisionError as exc:
            check("first provisioning", False, str(exc))
            return 0, 1, 0
        timings["first"] = time.monotonic() - started
        check("first provisioning", not first.reused, f"{timings['first']:.0f}s")
        started = time.monotonic()
        try:
            again = Provisioner(state, source, our_requirements, python=python, say=say)
            reused = again.ensure().reused
        except ProvisionError as exc:
            reused = False
            say(str(exc))
        timings["reuse"] = time.monotonic() - started
        check("second start reuses it", reused, f"{timings['reuse']:.1f}s")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ODOO_PATH")}
        res = subprocess.run(
            [
                first.python,
                "-c",
                "import odoo, odoo.release; print(odoo.release.version); print(odoo.__file__)",
            ],
            capture_output=True,
            text=True,
            cwd=str(work),
            env=env,
        )
        lines = res.stdout.split()
        check(
            "venv imports Odoo 18.0 from the provisioned tree",
            res.returncode == 0
            and lines[:1] != []
            and lines[0].startswith(SERIES)
            and lines[-1].startswith(str(state / "odoo")),
            (res.stdout + res.stderr).strip().replace("\n", " ")[-300:],
        )
        odoo_bin = Path(first.root) / "odoo-bin"
        cmd = [first.python, str(odoo_bin), "--version"] if odoo_bin.is_file() else [
            first.python, "-m", "odoo", "--version"]  # fmt: skip
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=str(work), env=env)
        check(
            f"{Path(cmd[1]).name} --version",
            res.returncode == 0 and f"Odoo Server {SERIES}" in res.stdout,
            (res.stdout + res.stderr).strip()[-300:],
        )
        say(
            "   durations: archive {archive:.0f}s, first provisioning {first:.0f}s, "
            "reuse {reuse:.1f}s".format(**timings)
        )
    finally:
        if keep:
            say(f"   kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return sum(checks), len(checks) - sum(checks), 0
