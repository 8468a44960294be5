// Baseline for tools/bench/kiosk: an empty SDL2 + OpenGL 3 window of the same size that clears, swaps once
// and reports the time from process start to its first presented frame. No ImGui, no fonts, no content.
#include "kiosk/platform/process_time.hpp"

#include <SDL.h>
#include <SDL_opengl.h>

#include <cstdio>

int main() {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "bare_window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_DisplayMode mode;
    SDL_GetDesktopDisplayMode(0, &mode);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_Window* w = SDL_CreateWindow("baseline", 0, 0, mode.w, mode.h, SDL_WINDOW_OPENGL | SDL_WINDOW_BORDERLESS);
    SDL_GLContext c = w ? SDL_GL_CreateContext(w) : nullptr;
    if (!c) {
        std::fprintf(stderr, "bare_window: %s\n", SDL_GetError());
        return 3;
    }
    glClearColor(0.2f, 0.3f, 0.4f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    SDL_GL_SwapWindow(w);
    std::fprintf(stderr, "first-frame-ms %.1f\n", kiosk::platform::msSinceProcessStart());
    SDL_GL_DeleteContext(c);
    SDL_DestroyWindow(w);
    SDL_Quit();
    return 0;
}
