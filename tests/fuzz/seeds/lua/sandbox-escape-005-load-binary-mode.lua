return load("return 1", "x", "b")
