"""The only package that imports QtWidgets."""
