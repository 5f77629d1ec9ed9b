"""Publishing: data managers upload files, read the check's report and preview, then publish or discard."""
