# Cross-compiling for x86_64 Windows with Debian's MinGW-w64 (package mingw-w64).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(OHN_TOOL_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${OHN_TOOL_PREFIX}-gcc)
set(CMAKE_CXX_COMPILER ${OHN_TOOL_PREFIX}-g++)
set(CMAKE_RC_COMPILER ${OHN_TOOL_PREFIX}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${OHN_TOOL_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# ctest runs the .exe tests through Wine (inside the namespace and prefix of scripts/in-netns.sh),
# with the loader of this architecture from the Wine that WINE names (scripts/wine-env.sh).
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../scripts/wine-exec.sh x86_64)
# Absolute path of this file, for sub-builds (CMocka) that need the same toolchain.
set(OHN_TOOLCHAIN_FILE ${CMAKE_CURRENT_LIST_FILE} CACHE INTERNAL "")
