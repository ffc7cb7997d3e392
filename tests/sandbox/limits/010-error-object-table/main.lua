local t = {}
error({code = 1})
