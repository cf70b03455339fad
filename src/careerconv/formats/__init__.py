"""Readers and writers of plain data: one module per format, and the converter to typed objects."""
