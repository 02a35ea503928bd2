"""Exporters: the document tree out to DOCX, plain text and Markdown."""
