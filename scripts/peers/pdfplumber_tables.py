# pdfplumber's side of `npm run bench:peers`: every table of every page of the PDFs named on the
# command line, found and extracted with pdfplumber's defaults (find_tables, then extract), as a
# table-extraction user runs it. Prints one line: files, pages, tables, cells.
import sys

import pdfplumber

files = pages = tables = cells = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        files += 1
        for page in pdf.pages:
            pages += 1
            for table in page.find_tables():
                tables += 1
                cells += sum(len(row) for row in table.extract())
            page.close()
print(f"{files} files, {pages} pages, {tables} tables, {cells} cells")
