"""`make bench`: throughput of the portal's addresses as ratios to a bare Django view (bench/run.py)."""
