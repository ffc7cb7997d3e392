local s = getmetatable("").__index
