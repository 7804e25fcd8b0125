"""Office documents for trainers (Word papers and lesson plans, Excel reports), written by
python-docx and openpyxl, never by hand."""
