"""The Word layer: every .docx drafter writes, reads or fixes goes through python-docx here.

python-docx's object model does the work; the modules here reach down to its oxml layer only
for what it has no API for (East Asian fonts, fields, the document grid, character units).
"""
