# cmake -DDIR=D -DOUT=NAME -DCANDIDATES="a,b" -P pick-library.cmake: copies the first of the
# CANDIDATES that exists in D to D/NAME (a library whose file name differs between the versions
# of its source package), and fails naming what it looked for.
string(REPLACE "," ";" CANDIDATES "${CANDIDATES}")
foreach(c ${CANDIDATES})
    if(EXISTS ${DIR}/${c})
        file(COPY_FILE ${DIR}/${c} ${DIR}/${OUT})
        message(STATUS "${OUT}: ${c}")
        return()
    endif()
endforeach()
message(FATAL_ERROR "none of ${CANDIDATES} was built in ${DIR}")
