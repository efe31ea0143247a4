"""Release tools (``make dist``, ``make verify``): offline archives, the single-file,
PDF and ZIM editions, the mirror kit, checksums and signatures.

They read a built site; the build never imports them.
"""
