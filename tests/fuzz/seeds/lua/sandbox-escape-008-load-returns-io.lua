return load("return io")()
