"""Check a downloaded release, archive or mirror against its signed checksums.

  python -m sitetools.release.verify DIR_OR_FILE [--pubkey FILE] [--allow-extra]
  make verify DIR=dist

What it accepts:

* a release folder (``dist/``): every file listed in ``SHA256SUMS`` that is
  present must match; files not downloaded are only mentioned, a file that is
  not part of the release fails (``--allow-extra`` to allow it); a ``mirror/``
  folder inside is checked as a tree;
* an unpacked archive or a mirror's web root: every listed file must be
  present and match, and no other file may be there (``--allow-extra`` for a
  mirror that adds its own files);
* an archive (``.zip``, ``.tar.gz``): checked inside the same way, and
  against the ``SHA256SUMS`` next to it when there is one; an archive that
  cannot be read (damaged, truncated, not an archive) is not genuine;
* any other file of a release (``.pdf``, ``.html``, ``.zim``): against the
  ``SHA256SUMS`` next to it.

The signature (``SHA256SUMS.minisig``, minisign format) is checked with the
key given by ``--pubkey`` or, failing that, ``keys/release.pub`` when it holds
a key. Never with the key inside the bundle: whoever could change the files
could change that key too.

Exit status: 0 genuine; 1 not genuine (changed, missing or added files, a
damaged archive or checksum file, bad signature: also when the release is not
signed); 2 cannot tell (unsigned or no trusted key, and every file matches; not
a release).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..minisign import (
    PublicKey,
    SignError,
    is_placeholder,
    load_public_key,
    parse_public_key,
    parse_signature,
    verify,
)
from .tree import read_archive

ROOT = Path(__file__).resolve().parents[3]
PUBLISHED_KEY = ROOT / "keys" / "release.pub"
SUMS = "SHA256SUMS"
SIG = "SHA256SUMS.minisig"
PUBKEY = "release.pub"
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")

GENUINE, NOT_GENUINE, CANNOT_TELL = 0, 1, 2
VERDICT = {
    GENUINE: "GENUINE",
    NOT_GENUINE: "NOT GENUINE",
    CANNOT_TELL: "CANNOT TELL",
}
# which verdict wins when parts of a release are checked: a changed file makes the
# whole not genuine, whether or not it is signed
_WEIGHT = {GENUINE: 0, CANNOT_TELL: 1, NOT_GENUINE: 2}
# what reading a damaged archive can raise (zipfile, tarfile, gzip, zlib)
_DAMAGED = (ValueError, OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error,
            RuntimeError, NotImplementedError, KeyError)


class VerifyError(ValueError):
    """Bad input: not a release, unreadable file (one line)."""


@dataclass
class Report:
    status: int = GENUINE
    lines: list[str] = field(default_factory=list)
    checked: int = 0

    def fail(self, line: str) -> None:
        self.status = NOT_GENUINE
        self.lines.append(line)

    def unsure(self, line: str) -> None:
        if self.status == GENUINE:
            self.status = CANNOT_TELL
        self.lines.append(line)

    def note(self, line: str) -> None:
        self.lines.append(line)

    def merge(self, other: Report, label: str) -> None:
        self.status = max(self.status, other.status, key=_WEIGHT.__getitem__)
        self.checked += other.checked
        self.lines += [f"{label}: {line}" for line in other.lines]

    def text(self, target: str) -> str:
        head = {
            GENUINE: f"GENUINE: {target}: {_match(self.checked)} the signed checksums.",
            NOT_GENUINE: f"NOT GENUINE: {target}: do not use this copy; get the guide "
                         "again from another source.",
            CANNOT_TELL: f"CANNOT TELL whether {target} is genuine.",
        }[self.status]
        return "\n".join([head, *("  " + line for line in self.lines)])


def parse_sums(text: str) -> dict[str, str]:
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m or m.group(2) in sums or m.group(2).startswith("/") or ".." in \
                m.group(2).split("/"):
            raise VerifyError(f"{SUMS} line {number} is not '<sha256>  <file>'")
        sums[m.group(2)] = m.group(1)
    return sums


def trusted_fields(comment: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in comment.split("\t") if ":" in part)


def check_signature(sums: bytes, sig: bytes | None, key: PublicKey | None,
                    report: Report) -> dict[str, str]:
    """Check the signature over SHA256SUMS; returns the trusted comment's fields."""
    if sig is None:
        report.unsure(f"not signed: there is no {SIG}, so nothing shows who made these files "
                      "(the checksums only show whether they were damaged)")
        return {}
    try:
        signature = parse_signature(sig.decode("utf-8", "replace"), path=SIG)
    except SignError as error:
        report.fail(str(error))
        return {}
    if key is None:
        report.unsure(f"no trusted public key: pass --pubkey FILE with the release key "
                      f"published by the maintainers (the signature names key "
                      f"{signature.key_id[::-1].hex().upper()})")
        return {}
    try:
        comment = verify(sums, signature, key)
    except SignError as error:
        report.fail(f"{SIG}: {error}")
        return {}
    fields = trusted_fields(comment)
    report.note(f"signature good: key {key.key_id_hex}, release {fields.get('release', '?')}"
                f", commit {fields.get('commit', '?')}")
    return fields


def check_set(files: Mapping[str, bytes], key: PublicKey | None, *, tree: bool | None = None,
              allow_extra: bool = False) -> Report:
    """Check a set of files that holds its own SHA256SUMS (and signature)."""
    report = Report()
    if SUMS not in files:
        raise VerifyError(f"no {SUMS}: not a release, archive or mirror of this guide")
    fields = check_signature(files[SUMS], files.get(SIG), key, report)
    try:
        sums = parse_sums(files[SUMS].decode("utf-8"))
    except (VerifyError, UnicodeDecodeError) as error:
        report.fail(str(error))
        return report
    if tree is None:
        tree = fields.get("scope") == "tree" if "scope" in fields else \
            any("/" in name for name in sums) or "index.html" in sums
    changed = sorted(n for n in sums if n in files
                     and hashlib.sha256(files[n]).hexdigest() != sums[n])
    missing = sorted(n for n in sums if n not in files)
    extra = sorted(n for n in files if n not in sums and n not in (SUMS, SIG))
    report.checked = len([n for n in sums if n in files]) - len(changed)
    for name in changed:
        report.fail(f"{name}: changed (its SHA-256 is not the signed one)")
    if missing and tree:
        report.fail(f"missing: {_some(missing)}")
    elif missing:
        report.note(f"not here (not downloaded?): {_some(missing)}")
    if extra and not allow_extra:
        report.fail(f"not part of the release: {_some(extra)} (if you put it there "
                    "yourself, check again with --allow-extra)")
    elif extra:
        report.note(f"ignored, not part of the release: {_some(extra)}")
    if not tree and report.checked == 0 and not changed:
        report.fail("none of the listed files is here")
    if report.status == CANNOT_TELL and not changed:
        report.note(f"{_match(report.checked)} {SUMS}")
    if PUBKEY in files and key is not None:
        try:
            inside = parse_public_key(files[PUBKEY].decode("utf-8", "replace"))
        except SignError:
            inside = None
        if inside != key:
            report.note(f"the {PUBKEY} inside is not the key you trust: ignore it")
    return report


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def _match(count: int) -> str:
    return "1 file matches" if count == 1 else f"{count} files match"


def _some(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _read_dir(folder: Path, *, skip_sub_releases: bool) -> tuple[dict[str, bytes], list[Path]]:
    files: dict[str, bytes] = {}
    subs = []
    if skip_sub_releases:
        subs = sorted(p.parent for p in folder.glob(f"*/{SUMS}"))
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(sub in path.parents for sub in subs):
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files, subs


def check_path(target: Path, key: PublicKey | None, *, allow_extra: bool = False) -> Report:
    if not target.exists():
        raise VerifyError(f"{target}: no such file or folder")
    if target.is_dir():
        top = (target / SUMS).is_file()
        if not top:
            raise VerifyError(f"{target}: no {SUMS} in it: not a release, unpacked archive "
                              "or mirror of this guide")
        try:
            sums = parse_sums((target / SUMS).read_text(encoding="utf-8", errors="replace"))
        except VerifyError:
            sums = {}  # check_set says what is wrong with it
        release_dir = not any("/" in n for n in sums) and "index.html" not in sums
        files, subs = _read_dir(target, skip_sub_releases=release_dir)
        report = check_set(files, key, tree=not release_dir, allow_extra=allow_extra)
        for sub in subs:
            report.merge(check_path(sub, key, allow_extra=allow_extra), sub.name + "/")
        return report
    name = target.name
    if name.endswith((".zip", ".tar.gz", ".tgz")):
        try:
            inside = read_archive(target)
        except _DAMAGED as error:
            inside = None
            report = Report()
            report.fail(f"{name}: the archive is damaged: {_reason(error)}")
        if inside is not None:
            if SUMS in inside:
                report = check_set(inside, key, tree=True, allow_extra=allow_extra)
            else:
                report = Report()
                report.fail(f"{name}: no {SUMS} inside: not an archive of this guide, "
                            "or it was repacked")
    else:
        report = Report()
    beside = target.parent / SUMS
    if beside.is_file():
        listed = check_set({n: (target.parent / n).read_bytes() for n in (SUMS, SIG, name)
                            if (target.parent / n).is_file()}, key, tree=False,
                           allow_extra=True)
        try:
            listed_names = parse_sums(beside.read_text(encoding="utf-8", errors="replace"))
        except VerifyError:
            listed_names = {}  # check_set has said so
        if name not in listed_names:
            listed.unsure(f"{name} is not listed in the {SUMS} next to it")
        listed.lines = [ln for ln in listed.lines if not ln.startswith("not here")]
        report.merge(listed, f"{SUMS} next to it")
    elif not name.endswith((".zip", ".tar.gz", ".tgz")):
        raise VerifyError(f"{target}: no {SUMS} next to it to check it against")
    return report


def trusted_key(path: Path | None) -> PublicKey | None:
    """The key from --pubkey, else keys/release.pub when it holds one (not the placeholder)."""
    if path is not None:
        return load_public_key(path)
    if PUBLISHED_KEY.is_file() and not is_placeholder(PUBLISHED_KEY.read_text("utf-8")):
        return load_public_key(PUBLISHED_KEY)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitetools.release.verify",
        description="Say whether a release, archive or mirror is genuine (exit 0), not "
                    "genuine (1) or cannot be told (2).")
    parser.add_argument("target", type=Path, help="release folder, archive, mirror folder "
                                                  "or a file of a release")
    parser.add_argument("--pubkey", type=Path, help="the release public key you trust "
                                                    "(default: keys/release.pub)")
    parser.add_argument("--allow-extra", action="store_true",
                        help="a mirror may hold files that are not part of the release")
    args = parser.parse_args(argv)
    try:
        key = trusted_key(args.pubkey)
        report = check_path(args.target, key, allow_extra=args.allow_extra)
    except (VerifyError, SignError) as error:
        print(f"error: {error}", file=sys.stderr)
        return CANNOT_TELL
    except OSError as error:
        print(f"error: {error.filename or args.target}: {error.strerror or error}",
              file=sys.stderr)
        return CANNOT_TELL
    print(report.text(str(args.target)))
    return report.status


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
