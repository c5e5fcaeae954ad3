"""What runs the stages and keeps their results: the writer, the caches, the cores, timings, staging, the
offline bundle, the build date and the shared YAML loading.
"""
