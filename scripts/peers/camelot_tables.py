# Camelot's side of `npm run bench:peers` (lattice flavour, every page): prints files, tables.
import sys

import camelot

files = tables = 0
for path in sys.argv[1:]:
    files += 1
    tables += len(camelot.read_pdf(path, pages="all", flavor="lattice"))
print(f"{files} files, {tables} tables")
