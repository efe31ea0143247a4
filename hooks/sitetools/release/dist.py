"""`make dist`: build a release into ``dist/``.

  python -m sitetools.release.dist [--out dist] [--neutral-names] [--site-url URL]
  python -m sitetools.release.dist keygen --secret FILE --public FILE

What a release holds (names with ``--neutral-names`` in brackets):

* ``military-service-guide-all.zip`` [``notes-all.zip``]: every language,
  for reading from the file system (``file://``), with search;
* ``military-service-guide-en.zip`` / ``-ru`` / ``-uk``: one language each;
* ``…-en.html``: the single-file edition (one self-contained HTML file);
* ``…-en.pdf``: the same printed by Chromium (contents, page numbers);
* ``…_en_YYYY-MM.zim``: for Kiwix, with a full-text index;
* ``mirror/`` and ``…-mirror.tar.gz``: the site to host, with ``.gz`` and
  ``.br`` copies; ``nginx-mirror.conf``: a server example for this release;
* ``manifest.json`` (version, date, commit, reference period, files),
  ``SHA256SUMS`` and, with a key, ``SHA256SUMS.minisig`` and ``release.pub``.

Every archive and the mirror tree carry their own ``manifest.json``,
``SHA256SUMS`` and signature, so an unpacked copy can be checked on its own
(``python -m sitetools.release.verify``).

Reproducible: all dates come from ``SOURCE_DATE_EPOCH`` (default: the last
commit's time), archives are sorted with fixed dates and permissions, and
signatures are deterministic (Ed25519). Two runs from one commit give the same
bytes (the PDFs: with the same Chromium).

Environment: ``SIGNING_KEY`` (path of a minisign secret key; without it the
release is unsigned and says so), ``SIGNING_KEY_PASSWORD``, ``SOURCE_DATE_EPOCH``,
``VERSION`` (default: the tag on HEAD, else ``<pyproject version>+g<commit>``),
``CHROMIUM``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..data import Localized, fill, load_all
from ..export import export_data
from ..minisign import (
    SecretKey,
    SignError,
    generate_key,
    is_placeholder,
    load_public_key,
    load_secret_key,
    secret_key_text,
    sign,
)
from ..postbuild.site import top_level_entries
from ..render.templates import format_date
from .mirror import MirrorError, content_security_policy, nginx_config, precompress
from .pdf import PdfError, PdfJob, PdfText, check_chromium, edition_pdfs
from .single import EditionError, EditionText, sections_for, single_file
from .tree import (
    Tree,
    language_tree,
    load_site,
    missing_references,
    offline_tree,
    tar_gz_bytes,
    write_tree,
    zip_bytes,
)
from .zim import ZimError, ZimMeta, check_zim, write_zim

ROOT = Path(__file__).resolve().parents[3]
SUMS = "SHA256SUMS"
SIG = "SHA256SUMS.minisig"
PUBKEY = "release.pub"
MANIFEST = "manifest.json"
NAME = "military-service-guide"
NEUTRAL_NAME = "notes"
PUBLISHED_KEY = ROOT / "keys" / "release.pub"

# What the editions say about themselves, in each language.
class DistError(RuntimeError):
    """A release cannot be made (one line saying why and what to do)."""


# ------------------------------------------------------------ the release

@dataclass(frozen=True)
class Reference:
    reviewed_from: date
    reviewed_to: date
    law_as_of: date | None


@dataclass(frozen=True)
class Release:
    version: str
    epoch: int
    commit: str
    dirty: bool
    reference: Mapping[str, Reference]  # per language, and "all"
    site_names: Mapping[str, str]
    site_descriptions: Mapping[str, str]
    site_url: str
    neutral: bool

    @property
    def date(self) -> date:
        return datetime.fromtimestamp(self.epoch, tz=UTC).date()

    @property
    def prefix(self) -> str:
        return NEUTRAL_NAME if self.neutral else NAME

    def info(self) -> dict[str, object]:
        ref = self.reference["all"]
        return {
            "name": self.site_names[DEFAULT_LANGUAGE],
            "version": self.version,
            "date": self.date.isoformat(),
            "source_date_epoch": self.epoch,
            "commit": self.commit,
            "uncommitted_changes": self.dirty,
            "reference_period": {
                "reviewed_from": ref.reviewed_from.isoformat(),
                "reviewed_to": ref.reviewed_to.isoformat(),
                "law_as_of": ref.law_as_of.isoformat() if ref.law_as_of else None,
            },
            "languages": list(LANGUAGES),
            "site_url": self.site_url or None,
        }


def _git(root: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except FileNotFoundError:
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def source_date_epoch(root: Path) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise DistError(f"SOURCE_DATE_EPOCH={value!r}: not a number of seconds")
        return int(value)
    last = _git(root, "log", "-1", "--format=%ct")
    if not last:
        raise DistError("no git history to date the release: set SOURCE_DATE_EPOCH")
    return int(last)


def release_version(root: Path) -> str:
    if os.environ.get("VERSION", "").strip():
        return os.environ["VERSION"].strip()
    tag = _git(root, "describe", "--tags", "--exact-match", "HEAD")
    if tag:
        return tag
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    short = _git(root, "rev-parse", "--short=12", "HEAD")
    return project["project"]["version"] + (f"+g{short}" if short else "")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV tags."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_texts(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Site name and description per language, from mkdocs.yml."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names = {DEFAULT_LANGUAGE: config["site_name"]}
    descriptions = {DEFAULT_LANGUAGE: " ".join(config.get("site_description", "").split())}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for lang in plugin["i18n"].get("languages", []):
                code = lang.get("locale")
                names[code] = lang.get("site_name", names[DEFAULT_LANGUAGE])
                descriptions[code] = " ".join(
                    lang.get("site_description", descriptions[DEFAULT_LANGUAGE]).split())
    return names, descriptions


def reference_period(docs: Path) -> dict[str, Reference]:
    """The range of ``reviewed`` dates and the latest ``law_as_of``, per language."""
    found: dict[str, tuple[list[date], list[date]]] = {}
    for lang in LANGUAGES:
        for page in sorted((docs / lang).rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            if not text.startswith("---"):
                continue
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            for key, index in (("reviewed", 0), ("law_as_of", 1)):
                value = meta.get(key)
                if isinstance(value, date):
                    for bucket in (lang, "all"):
                        found.setdefault(bucket, ([], []))[index].append(value)
    if "all" not in found or not found["all"][0]:
        raise DistError(f"{docs}: no page has a 'reviewed' date")
    return {
        key: Reference(min(rev), max(rev), max(law) if law else None)
        for key, (rev, law) in found.items() if rev
    }


def gather(root: Path, *, neutral: bool, site_url: str) -> Release:
    names, descriptions = site_texts(root)
    status = _git(root, "status", "--porcelain", "--", "docs", "data", "hooks", "overrides",
                  "mkdocs.yml", "keys")
    return Release(
        version=release_version(root), epoch=source_date_epoch(root),
        commit=_git(root, "rev-parse", "HEAD") or "unknown", dirty=bool(status),
        reference=reference_period(root / "docs"), site_names=names,
        site_descriptions=descriptions, site_url=site_url, neutral=neutral)


# --------------------------------------------------------------- the build

def build_site(root: Path, dest: Path, epoch: int) -> None:
    """The strict offline/mirror build (no site_url), dated by SOURCE_DATE_EPOCH."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root / "hooks"),
           "SOURCE_DATE_EPOCH": str(epoch)}
    env.pop("SITE_URL", None)
    env.pop("OFFLINE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "-f", str(root / "mkdocs.yml"), "-d", str(dest)],
        cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        problems = [ln for ln in lines if ln.startswith(("WARNING", "ERROR", "Aborted"))]
        tail = "\n".join((problems or lines)[-15:])
        raise DistError(f"the strict build failed (fix it, then run make dist again):\n{tail}")


def sha256sums(files: Mapping[str, bytes]) -> bytes:
    """``sha256sum`` format: '<hex>  <path>', sorted by path."""
    return "".join(f"{hashlib.sha256(files[p]).hexdigest()}  {p}\n"
                   for p in sorted(files)).encode("utf-8")


def trusted_comment(release: Release, scope: str) -> str:
    return (f"timestamp:{release.epoch}\tfile:{SUMS}\thashed\trelease:{release.version}"
            f"\tcommit:{release.commit[:12]}\tscope:{scope}")


def seal(files: Tree, release: Release, key: SecretKey | None, scope: str) -> Tree:
    """Add the checksums of ``files`` and, with a key, the signature and public key."""
    files = dict(files)
    if key is not None:
        files[PUBKEY] = key.public_key.file_text().encode("ascii")
    sums = sha256sums(files)
    files[SUMS] = sums
    if key is not None:
        files[SIG] = sign(sums, key, trusted_comment(release, scope),
                          f"signature of {SUMS}, release {release.version}").file_text().encode()
    return files


def tree_manifest(release: Release, what: str) -> bytes:
    return (json.dumps({**release.info(), "bundle": what}, indent=2, ensure_ascii=False)
            + "\n").encode("utf-8")


def _edition(root: Path) -> Mapping[str, Localized]:
    """The editions' words (data/vocabulary.yml: words.edition)."""
    return load_all(root / "data").vocabulary.words["edition"]


def _format_date(day: date, lang: str, root: Path) -> str:
    return format_date(day, lang, load_all(root / "data").vocabulary)


def edition_text(release: Release, lang: str, root: Path) -> EditionText:
    ref = release.reference.get(lang, release.reference["all"])
    words = {key: text[lang] for key, text in _edition(root).items()}
    if ref.reviewed_from == ref.reviewed_to:
        reviewed = fill(words["reviewed"], date=_format_date(ref.reviewed_to, lang, root))
    else:
        reviewed = fill(words["reviewed_range"],
                        start=_format_date(ref.reviewed_from, lang, root),
                        end=_format_date(ref.reviewed_to, lang, root))
    return EditionText(
        lang=lang, title=release.site_names[lang], description=release.site_descriptions[lang],
        edition=fill(words["edition"], version=release.version,
                     date=_format_date(release.date, lang, root)),
        reviewed=reviewed,
        address=fill(words["online"], url=release.site_url) if release.site_url else "",
        contents=words["contents"])


@dataclass
class Result:
    out: Path
    files: dict[str, str] = field(default_factory=dict)  # name -> kind
    signed_with: str | None = None
    notes: list[str] = field(default_factory=list)


def prepare_out(out: Path) -> None:
    if out.exists():
        if any(out.iterdir()) and not (out / MANIFEST).is_file():
            raise DistError(f"{out}: not empty and not a previous release; empty it or "
                            "choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def signing_key() -> SecretKey | None:
    path = os.environ.get("SIGNING_KEY", "").strip()
    if not path:
        return None
    key = load_secret_key(Path(path), os.environ.get("SIGNING_KEY_PASSWORD") or None)
    text = PUBLISHED_KEY.read_text(encoding="utf-8") if PUBLISHED_KEY.is_file() else ""
    if text and not is_placeholder(text):
        published = load_public_key(PUBLISHED_KEY)
        if published != key.public_key:
            raise DistError(f"SIGNING_KEY ({key.public_key.key_id_hex}) is not the key "
                            f"published in {PUBLISHED_KEY.relative_to(ROOT)} "
                            f"({published.key_id_hex})")
    return key


def make_release(root: Path, out: Path, *, neutral: bool = False, site_url: str = "",
                 pdf: Sequence[str] = LANGUAGES, zim: bool = True,
                 chromium_path: str = "/usr/bin/chromium", log=print) -> Result:
    """``pdf``: the languages whose PDF edition is printed (none: no PDF)."""
    unknown = [lang for lang in pdf if lang not in LANGUAGES]
    if unknown:
        raise DistError(f"no language '{unknown[0]}' to print (languages: {', '.join(LANGUAGES)})")
    key = signing_key()  # fail before the long steps: a bad key, no Chromium
    if pdf:
        check_chromium(chromium_path)
    release = gather(root, neutral=neutral, site_url=site_url)
    prepare_out(out)
    result = Result(out, signed_with=key.public_key.key_id_hex if key else None)
    if release.dirty:
        result.notes.append("the working tree has uncommitted changes: this release is not "
                            f"exactly commit {release.commit[:12]}")
    started = time.perf_counter()

    def step(what: str) -> None:
        log(f"dist: {what} ({time.perf_counter() - started:.0f} s)")

    with tempfile.TemporaryDirectory(prefix="dist-") as tmp:
        site_dir = Path(tmp) / "site"
        log(f"dist: building the site (SOURCE_DATE_EPOCH={release.epoch})")
        build_site(root, site_dir, release.epoch)
        site = load_site(site_dir)
        step("site built")
        top_level = top_level_entries(site_dir)
    files: Tree = {}

    # offline archives
    trees = {"all": offline_tree(site)}
    for lang in LANGUAGES:
        trees[lang] = language_tree(site, lang, LANGUAGES, DEFAULT_LANGUAGE,
                                    title=release.site_names[lang],
                                    link_text=_edition(root)["open"][lang])
    for what, tree in trees.items():
        broken = missing_references(tree)
        if broken:
            raise DistError(f"{what} archive: a link points outside it: {broken[0]}")
        stem = f"{release.prefix}-{what}"
        tree[MANIFEST] = tree_manifest(release, f"offline archive ({what})")
        files[f"{stem}.zip"] = zip_bytes(seal(tree, release, key, "tree"), stem, release.epoch)
        result.files[f"{stem}.zip"] = f"offline archive ({what})"
    step("offline archives done")

    # mirror tree
    mirror = dict(site)
    mirror[MANIFEST] = tree_manifest(release, "mirror")
    csp = content_security_policy(mirror, top_level)
    mirror.update(precompress(mirror))
    mirror = seal(mirror, release, key, "tree")
    write_tree(mirror, out / "mirror", release.epoch)
    files[f"{release.prefix}-mirror.tar.gz"] = tar_gz_bytes(
        mirror, f"{release.prefix}-mirror", release.epoch)
    result.files[f"{release.prefix}-mirror.tar.gz"] = "mirror tree"
    # the data as JSON with its schemas, for other organizations' tools (make export)
    with tempfile.TemporaryDirectory(prefix="data-") as tmp:
        export_data(root, Path(tmp))
        dataset = load_site(Path(tmp) / "data")
    stem = f"{release.prefix}-data"
    dataset[MANIFEST] = tree_manifest(release, "dataset")
    files[f"{stem}.zip"] = zip_bytes(seal(dataset, release, key, "tree"), stem, release.epoch)
    result.files[f"{stem}.zip"] = "dataset (JSON and JSON Schemas)"
    files["nginx-mirror.conf"] = nginx_config(
        csp, version=release.version, date=release.date.isoformat()).encode("utf-8")
    result.files["nginx-mirror.conf"] = "nginx example"
    step("mirror tree done")

    # single-file editions and PDFs
    texts = {lang: edition_text(release, lang, root) for lang in LANGUAGES}
    for lang in LANGUAGES:
        name = f"{release.prefix}-{lang}.html"
        files[name] = single_file(site, texts[lang], LANGUAGES, DEFAULT_LANGUAGE)
        result.files[name] = f"single-file edition ({lang})"
    step("single-file editions done")
    printing = [lang for lang in LANGUAGES if lang in pdf]
    if printing:
        jobs = [PdfJob(sections_for(site, lang, LANGUAGES, DEFAULT_LANGUAGE), texts[lang],
                       PdfText(texts[lang].title, texts[lang].reviewed, release.site_url,
                               _edition(root)["page"][lang])) for lang in printing]
        printed = edition_pdfs(chromium_path, site, jobs, release.epoch)
        for lang, data in zip(printing, printed, strict=True):
            name = f"{release.prefix}-{lang}.pdf"
            files[name] = data
            result.files[name] = f"PDF edition ({lang})"
        step("PDF editions done")
        if len(printing) < len(LANGUAGES):
            result.notes.append(f"PDF editions only in {', '.join(printing)} (--pdf)")
    else:
        result.notes.append("no PDF editions (--no-pdf)")

    # ZIM files
    if zim:
        for lang in LANGUAGES:
            # Kiwix serves pages over its own scheme: Material loads search_index.json
            tree = language_tree(site, lang, LANGUAGES, DEFAULT_LANGUAGE,
                                 title=release.site_names[lang],
                                 link_text=_edition(root)["open"][lang], with_json=True)
            name = f"{release.prefix}_{lang}_{release.date:%Y-%m}.zim"
            short = release.site_names[lang].split(":")[0].strip()[:30]
            meta = ZimMeta(
                name=f"{NAME}_{lang}", title=short, description=_edition(root)["zim"][lang][:80],
                long_description=release.site_descriptions[lang],
                lang=lang, creator=release.site_names[DEFAULT_LANGUAGE],
                publisher=release.site_names[DEFAULT_LANGUAGE], date=release.date.isoformat(),
                main_path="index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html",
                source=release.site_url)
            seed = hashlib.sha256(sha256sums(tree) + name.encode()).hexdigest()
            write_zim(tree, meta, out / name, uuid_seed=seed)
            if problems := check_zim(out / name):
                raise DistError(f"{name}: " + "; ".join(problems[:3]))
            files[name] = (out / name).read_bytes()
            result.files[name] = f"ZIM for Kiwix ({lang})"
        step("ZIM files done")
    else:
        result.notes.append("no ZIM files (--no-zim)")

    # manifest, checksums, signature
    manifest = {**release.info(), "files": [
        {"name": n, "kind": result.files[n], "size": len(files[n]),
         "sha256": hashlib.sha256(files[n]).hexdigest()} for n in sorted(files)]}
    files[MANIFEST] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    result.files[MANIFEST] = "manifest"
    sealed = seal(files, release, key, "release")
    for name in sorted(sealed):
        path = out / name
        path.write_bytes(sealed[name])
        path.chmod(0o644)
        os.utime(path, (release.epoch, release.epoch))
    if key is None:
        result.notes.append("UNSIGNED release: set SIGNING_KEY=/path/to/minisign.key to sign "
                            "it (see README, 'Releases')")
    step("done")
    return result


def summary(result: Result) -> str:
    lines = []
    for name in sorted(p.name for p in result.out.iterdir() if p.is_file()):
        size = (result.out / name).stat().st_size
        lines.append(f"  {size / 1e6:8.2f} MB  {name}")
    state = (f"signed with key {result.signed_with}" if result.signed_with
             else "NOT SIGNED")
    lines.append(f"{result.out}: {len(lines)} files, {state}")
    lines += [f"note: {n}" for n in result.notes]
    return "\n".join(lines)


# ------------------------------------------------------------------ keygen

def keygen(secret: Path, public: Path, *, force: bool = False) -> SecretKey:
    """A new key pair as minisign files (the secret one without a password)."""
    for path in (secret, public):
        placeholder = path == public and path.is_file() and is_placeholder(
            path.read_text(encoding="utf-8", errors="replace"))
        if path.exists() and not force and not placeholder:
            raise DistError(f"{path}: exists; refusing to overwrite a key (--force to replace)")
    key = generate_key()
    secret.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret_key_text(key))
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_text(key.public_key.file_text(), encoding="ascii")
    return key


# --------------------------------------------------------------------- cli

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.release.dist",
        description="Build a release (offline archives, single-file, PDF and ZIM editions, "
                    "mirror kit, checksums, signature) into a folder.")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument("--neutral-names", action="store_true",
                        default=os.environ.get("NEUTRAL_NAMES", "") not in ("", "0"),
                        help="neutral file names (notes-ru.zip); also NEUTRAL_NAMES=1")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                        help="the site's address, printed in the editions (also SITE_URL)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF editions")
    parser.add_argument("--pdf", metavar="LANGS", default=",".join(LANGUAGES),
                        help="print the PDF editions of these languages only (e.g. --pdf ru; "
                             f"default: {','.join(LANGUAGES)})")
    parser.add_argument("--no-zim", action="store_true", help="skip the ZIM files")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    sub = parser.add_subparsers(dest="command")
    kg = sub.add_parser("keygen", help="create a signing key pair (minisign format)")
    kg.add_argument("--secret", type=Path, required=True,
                    help="where to write the secret key (keep it off this repository)")
    kg.add_argument("--public", type=Path, default=PUBLISHED_KEY)
    kg.add_argument("--force", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "keygen":
            try:
                args.secret.resolve().relative_to(ROOT)
                inside = True
            except ValueError:
                inside = False
            if inside:
                raise DistError(f"{args.secret}: inside the repository; write the secret key "
                                "elsewhere (e.g. ~/.minisign/release.key)")
            key = keygen(args.secret, args.public, force=args.force)
            print(f"key {key.public_key.key_id_hex}: secret {args.secret} (no password: keep "
                  f"it safe), public {args.public}")
            return 0
        result = make_release(ROOT, args.out.resolve(), neutral=args.neutral_names,
                              site_url=args.site_url.strip(),
                              pdf=[] if args.no_pdf else [x for x in args.pdf.split(",") if x],
                              zim=not args.no_zim, chromium_path=args.chromium)
    except (DistError, SignError, PdfError, EditionError, ZimError, MirrorError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(summary(result))
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
