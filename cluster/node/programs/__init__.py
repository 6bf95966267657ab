"""What runs inside simulated containers: a small shell, the utilities of the
images (busybox's applets, coreutils) and the images' own servers."""
