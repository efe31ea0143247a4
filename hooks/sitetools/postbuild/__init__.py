"""After the build: checks and fixes over the built site.

``site.finish_site`` splits the search index per language (``search``),
neutralizes CDN URLs in Material's bundle (``scan``), writes the trilingual
404 page and the neutral quick-exit page; ``scan`` also finds any load from
another host; ``citations`` checks that every cited source exists and every
source is cited.
"""
