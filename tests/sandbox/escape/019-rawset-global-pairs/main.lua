rawset(_G, "pairs", function() end)
