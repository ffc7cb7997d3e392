return debug.getinfo(1)
