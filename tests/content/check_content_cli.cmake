# Runs `briefing check-content` on the clean and the broken fixture course and checks the CLI contract:
# exit 0 with a summary on stdout when clean; exit 1 with every problem as file:line:col: message on stderr.
execute_process(COMMAND "${BRIEFING}" --force-profile "${FIXTURES}/clean/forces/demo.toml" check-content "${FIXTURES}/clean"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "modules: 2\n" OR NOT out MATCHES "checks: 2" OR NOT err STREQUAL "")
  message(FATAL_ERROR "clean course: rc=${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()

execute_process(COMMAND "${BRIEFING}" --force-profile "${FIXTURES}/clean/forces/demo.toml" check-content "${FIXTURES}/broken"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT out STREQUAL "")
  message(FATAL_ERROR "broken course: expected exit 1 and no stdout, got rc=${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(expected
    "broken/course.toml:9:1: unknown key 'colour'"
    "broken/course.toml:8:19: missing translation: module 'two' has no cy file"
    "broken/strings/cy.toml:0:0: missing translation: key 'a.c'"
    "broken/modules/one.en-GB.md:9:7: unknown placeholder '{{force.nmae}}'"
    "broken/modules/one.en-GB.md:11:1: knowledge check 'q' needs 3 to 4 options, has 1"
    "broken/modules/one.cy.md:9:1: structure differs from the reference language: 2 blocks where")
  string(FIND "${err}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "broken course: stderr lacks '${expected}':\n${err}")
  endif()
endforeach()
