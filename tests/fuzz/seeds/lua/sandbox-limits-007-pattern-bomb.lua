return ("a"):rep(2000):find(".-.-.-.-b")
