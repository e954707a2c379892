"""DYN: what the dynamic layer observed when it imported and activated the plugin."""
