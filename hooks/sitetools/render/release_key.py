"""``<!-- md:release-key -->``: the release signing key from ``keys/release.pub``.

The key comes from the file the verify command trusts by default, so the
site, the README's instructions and the command cannot disagree; while that
file is the placeholder, the marker shows a notice that no key has been
published yet.
"""

from __future__ import annotations

from ..data import Vocabulary, fill
from ..minisign import is_placeholder, parse_public_key


def release_key_markdown(text: str | None, lang: str, vocabulary: Vocabulary) -> str:
    """What ``<!-- md:release-key -->`` shows: the published public key, or a notice."""
    words = vocabulary.words["release_key"]
    if not text or is_placeholder(text):
        return f"**{words['none_title'][lang]}** " + fill(words["none"][lang], file="`release.pub`")
    key = parse_public_key(text, path="keys/release.pub")
    return (f"{words['id'][lang]}: `{key.key_id_hex}`\n\n"
            f"```text\n{key.file_text()}```")
