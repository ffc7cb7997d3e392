local function f(n)
  local ok, e = pcall(f, n + 1)
  error(e)
end
f(1)
