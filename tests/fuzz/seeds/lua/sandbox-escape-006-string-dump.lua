return string.dump(print)
