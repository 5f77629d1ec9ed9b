"""SDG framework, GCM objectives, series, observations and the releases that brought them."""
