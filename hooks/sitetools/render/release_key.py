"""``<!-- md:release-key -->``: the release signing key from ``keys/release.pub``.

The key comes from the file the verify command trusts by default, so the
site, the README's instructions and the command cannot disagree; while that
file is the placeholder, the marker shows a notice that no key has been
published yet.
"""

from __future__ import annotations

from ..minisign import is_placeholder, parse_public_key

KEY_UI = {
    "none": {
        "en": "**No release key has been published yet.** The releases made so far are not "
              "signed. When the maintainers publish the key, it appears here, in the README "
              "and in every release as `release.pub`.",
        "ru": "**Ключ для проверки выпусков ещё не опубликован.** Выпуски пока не подписаны. "
              "Когда ключ появится, он будет здесь, в README и в каждом выпуске в файле "
              "`release.pub`.",
        "uk": "**Ключ для перевірки випусків ще не опубліковано.** Випуски поки не підписані. "
              "Коли ключ з'явиться, він буде тут, у README і в кожному випуску у файлі "
              "`release.pub`.",
    },
    "id": {"en": "Key ID", "ru": "Идентификатор ключа", "uk": "Ідентифікатор ключа"},
}


def release_key_markdown(text: str | None, lang: str) -> str:
    """What ``<!-- md:release-key -->`` shows: the published public key, or a notice."""
    if not text or is_placeholder(text):
        return KEY_UI["none"][lang]
    key = parse_public_key(text, path="keys/release.pub")
    return (f"{KEY_UI['id'][lang]}: `{key.key_id_hex}`\n\n"
            f"```text\n{key.file_text()}```")
