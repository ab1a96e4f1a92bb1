"""Every check over a loaded Course, one module per concern. Each returns Issues; none prints."""
