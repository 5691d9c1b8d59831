# Writes OUTPUT: a C++ file defining `const char* const SYMBOL` in baton::core with INPUT's text.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT}
    "// Generated from ${INPUT}; do not edit.\n"
    "namespace baton::core {\n"
    "static const char kData[] = {${bytes} '\\0'};\n"
    "extern const char* const ${SYMBOL};\n"
    "const char* const ${SYMBOL} = kData;\n"
    "}\n")
