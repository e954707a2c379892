"""UI: user-interface features, static files and the JavaScript InvenTree imports."""
