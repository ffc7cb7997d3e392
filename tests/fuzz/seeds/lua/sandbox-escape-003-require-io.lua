local io = require "io"
