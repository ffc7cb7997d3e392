local ok, err = pcall(spil.region, "fryslan")
assert(not ok and err:find("own region"))
print(spil.region(nil).name, spil.region("zuid-holland-zuid").id)
local ok2 = pcall(spil.region, {})
local ok3 = pcall(spil.region, "zuid-holland-zuid\0x")
return ok2, ok3
