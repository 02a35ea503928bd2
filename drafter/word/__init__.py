"""The Word layer: every .docx drafter writes, reads or fixes goes through python-docx here."""
