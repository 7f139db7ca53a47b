"""The website the pages are built into: its MkDocs configuration, heading ids, the pages and
files under its docs folder, and how a link on one page reaches another."""
