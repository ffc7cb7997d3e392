require = function() return {} end
