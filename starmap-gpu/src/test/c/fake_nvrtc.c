/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A stand-in for libnvrtc, for tests on machines with nvcc but no NVRTC: the same C API, compiling with
 * "nvcc -ptx". nvrtcCompileProgram writes the source into a fresh directory under $TMPDIR (headers beside
 * it, under the last element of their include names), runs nvcc there on it under the program's name, so
 * the log reads "name.cu(3): error: ..." as NVRTC's does, and keeps nvcc's output as the program log.
 * Options: --gpu-architecture=/-arch= (compute_XY or sm_XY), -std=/--std=, -D/--define-macro=,
 * -I/--include-path=, -lineinfo, --use_fast_math, --fmad=; anything else is NVRTC_ERROR_INVALID_OPTION,
 * as in NVRTC. nvrtcVersion says 13.0. Build: gcc -shared -fPIC -o libfakenvrtc.so fake_nvrtc.c.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int nvrtcResult;

enum {
    NVRTC_SUCCESS = 0,
    NVRTC_ERROR_OUT_OF_MEMORY = 1,
    NVRTC_ERROR_PROGRAM_CREATION_FAILURE = 2,
    NVRTC_ERROR_INVALID_INPUT = 3,
    NVRTC_ERROR_INVALID_PROGRAM = 4,
    NVRTC_ERROR_INVALID_OPTION = 5,
    NVRTC_ERROR_COMPILATION = 6,
    NVRTC_ERROR_BUILTIN_OPERATION_FAILURE = 7,
    NVRTC_ERROR_INTERNAL_ERROR = 11
};

#define FAKE_MAGIC 0x4e565254u

typedef struct fake_program {
    unsigned magic;
    char *src;
    char *name;
    int num_headers;
    char **headers;
    char **include_names;
    char *ptx;
    size_t ptx_size;
    char *log;
    size_t log_size;
} *nvrtcProgram;

static const char *const NAMES[] = {
    "NVRTC_SUCCESS",
    "NVRTC_ERROR_OUT_OF_MEMORY",
    "NVRTC_ERROR_PROGRAM_CREATION_FAILURE",
    "NVRTC_ERROR_INVALID_INPUT",
    "NVRTC_ERROR_INVALID_PROGRAM",
    "NVRTC_ERROR_INVALID_OPTION",
    "NVRTC_ERROR_COMPILATION",
    "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE",
    "NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION",
    "NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION",
    "NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID",
    "NVRTC_ERROR_INTERNAL_ERROR",
};

const char *nvrtcGetErrorString(nvrtcResult result) {
    if (result >= 0 && result < (int) (sizeof NAMES / sizeof NAMES[0])) {
        return NAMES[result];
    }
    return "NVRTC_ERROR unknown";
}

nvrtcResult nvrtcVersion(int *major, int *minor) {
    if (major == NULL || minor == NULL) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *major = 13;
    *minor = 0;
    return NVRTC_SUCCESS;
}

static int valid(nvrtcProgram prog) {
    return prog != NULL && prog->magic == FAKE_MAGIC;
}

/* A file name nvcc and the shell take as is: the name's last path element, other characters as '_'. */
static char *file_name(const char *name) {
    const char *slash = strrchr(name, '/');
    char *s = strdup(slash != NULL ? slash + 1 : name);
    if (s == NULL) {
        return NULL;
    }
    for (char *c = s; *c; c++) {
        if (!(('a' <= *c && *c <= 'z') || ('A' <= *c && *c <= 'Z') || ('0' <= *c && *c <= '9') || *c == '.'
                || *c == '_' || *c == '-')) {
            *c = '_';
        }
    }
    if (*s == '\0' || *s == '.') {
        free(s);
        s = strdup("default_program");
    }
    return s;
}

nvrtcResult nvrtcDestroyProgram(nvrtcProgram *prog);

nvrtcResult nvrtcCreateProgram(nvrtcProgram *prog, const char *src, const char *name, int numHeaders,
        const char *const *headers, const char *const *includeNames) {
    if (prog == NULL || src == NULL || numHeaders < 0 || (numHeaders > 0 && (headers == NULL
            || includeNames == NULL))) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    struct fake_program *p = calloc(1, sizeof *p);
    if (p == NULL) {
        return NVRTC_ERROR_OUT_OF_MEMORY;
    }
    p->magic = FAKE_MAGIC;
    p->src = strdup(src);
    p->name = file_name(name != NULL ? name : "default_program");
    p->num_headers = numHeaders;
    p->headers = calloc((size_t) numHeaders + 1, sizeof(char *));
    p->include_names = calloc((size_t) numHeaders + 1, sizeof(char *));
    for (int i = 0; i < numHeaders && p->headers != NULL && p->include_names != NULL; i++) {
        p->headers[i] = strdup(headers[i] != NULL ? headers[i] : "");
        p->include_names[i] = file_name(includeNames[i] != NULL ? includeNames[i] : "");
    }
    *prog = p;
    if (p->src == NULL || p->name == NULL || p->headers == NULL || p->include_names == NULL) {
        nvrtcDestroyProgram(prog);
        return NVRTC_ERROR_OUT_OF_MEMORY;
    }
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcDestroyProgram(nvrtcProgram *prog) {
    if (prog == NULL || !valid(*prog)) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    struct fake_program *p = *prog;
    for (int i = 0; i < p->num_headers; i++) {
        free(p->headers != NULL ? p->headers[i] : NULL);
        free(p->include_names != NULL ? p->include_names[i] : NULL);
    }
    free(p->headers);
    free(p->include_names);
    free(p->src);
    free(p->name);
    free(p->ptx);
    free(p->log);
    p->magic = 0;
    free(p);
    *prog = NULL;
    return NVRTC_SUCCESS;
}

/* dir/name, malloc'd; NULL when out of memory. */
static char *join(const char *dir, const char *name) {
    char *path;
    return asprintf(&path, "%s/%s", dir, name) < 0 ? NULL : path;
}

static int write_file(const char *dir, const char *name, const char *text) {
    char *path = join(dir, name);
    FILE *f = path != NULL ? fopen(path, "w") : NULL;
    free(path);
    if (f == NULL) {
        return -1;
    }
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* The whole file, NUL-terminated; *size counts the NUL, as NVRTC's sizes do. NULL when unreadable. */
static char *read_file(const char *dir, const char *name, size_t *size) {
    char *path = join(dir, name);
    FILE *f = path != NULL ? fopen(path, "r") : NULL;
    free(path);
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL) {
                free(buf);
            }
            buf = bigger;
        }
    }
    fclose(f);
    if (buf != NULL) {
        buf[len] = '\0';
        *size = len + 1;
    }
    return buf;
}

static void remove_file(const char *dir, const char *name) {
    char *path = join(dir, name);
    if (path != NULL) {
        unlink(path);
    }
    free(path);
}

/* A growing shell command line; oom set once an allocation failed. */
typedef struct command {
    char *text;
    size_t len, cap;
    int oom;
} command;

static void append(command *c, const char *s, int quote) {
    size_t need = c->len + 4 * strlen(s) + 4;
    if (c->oom) {
        return;
    }
    if (need > c->cap) {
        char *bigger = realloc(c->text, c->cap = 2 * need);
        if (bigger == NULL) {
            c->oom = 1;
            return;
        }
        c->text = bigger;
    }
    char *out = c->text + c->len;
    if (!quote) {
        out = stpcpy(out, s);
    } else {
        /* ' ' and s single-quoted for sh, each ' as '\'' */
        *out++ = ' ';
        *out++ = '\'';
        for (; *s; s++) {
            out = *s == '\'' ? stpcpy(out, "'\\''") : (*out = *s, out + 1);
        }
        *out++ = '\'';
        *out = '\0';
    }
    c->len = (size_t) (out - c->text);
}

static const char *after(const char *option, const char *prefix) {
    size_t n = strlen(prefix);
    return strncmp(option, prefix, n) == 0 ? option + n : NULL;
}

/* nvcc's form of an NVRTC option (into buf), or NULL when NVRTC would not take it. */
static const char *translate(const char *o, char *buf, size_t size) {
    const char *v;
    if ((v = after(o, "--gpu-architecture=")) != NULL || (v = after(o, "-arch=")) != NULL) {
        if (strncmp(v, "compute_", 8) != 0 && strncmp(v, "sm_", 3) != 0) {
            return NULL;
        }
        snprintf(buf, size, "-arch=%s", v);
    } else if ((v = after(o, "--std=")) != NULL || (v = after(o, "-std=")) != NULL) {
        snprintf(buf, size, "-std=%s", v);
    } else if ((v = after(o, "--define-macro=")) != NULL || (v = after(o, "-D")) != NULL) {
        snprintf(buf, size, "-D%s", v);
    } else if ((v = after(o, "--include-path=")) != NULL || (v = after(o, "-I")) != NULL) {
        snprintf(buf, size, "-I%s", v);
    } else if (strcmp(o, "-lineinfo") == 0 || strcmp(o, "--generate-line-info") == 0) {
        snprintf(buf, size, "-lineinfo");
    } else if (strcmp(o, "--use_fast_math") == 0 || strcmp(o, "-use_fast_math") == 0) {
        snprintf(buf, size, "--use_fast_math");
    } else if ((v = after(o, "--fmad=")) != NULL || (v = after(o, "-fmad=")) != NULL) {
        snprintf(buf, size, "--fmad=%s", v);
    } else {
        return NULL;
    }
    return buf;
}

static void set_log(struct fake_program *p, const char *text) {
    free(p->log);
    p->log = strdup(text);
    p->log_size = p->log != NULL ? strlen(p->log) + 1 : 0;
}

nvrtcResult nvrtcCompileProgram(nvrtcProgram prog, int numOptions, const char *const *options) {
    if (!valid(prog)) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (numOptions < 0 || (numOptions > 0 && options == NULL)) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    free(prog->ptx);
    prog->ptx = NULL;
    prog->ptx_size = 0;

    char dir[4096];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/fake_nvrtc_XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        set_log(prog, "fake nvrtc: cannot create a temporary directory\n");
        return NVRTC_ERROR_INTERNAL_ERROR;
    }
    command cmd = {0};
    append(&cmd, "cd", 0);
    append(&cmd, dir, 1);
    append(&cmd, " && nvcc -ptx -x cu -o out.ptx", 0);
    nvrtcResult result = NVRTC_SUCCESS;
    for (int i = 0; i < numOptions && result == NVRTC_SUCCESS; i++) {
        char buf[4096];
        const char *o = options[i] != NULL ? translate(options[i], buf, sizeof buf) : NULL;
        if (o == NULL) {
            char msg[4200];
            snprintf(msg, sizeof msg, "nvrtc: error: unrecognized option %s\n",
                    options[i] != NULL ? options[i] : "(null)");
            set_log(prog, msg);
            result = NVRTC_ERROR_INVALID_OPTION;
        } else {
            append(&cmd, o, 1);
        }
    }
    append(&cmd, prog->name, 1);
    append(&cmd, " >log.txt 2>&1", 0);
    if (cmd.oom && result == NVRTC_SUCCESS) {
        result = NVRTC_ERROR_OUT_OF_MEMORY;
    }
    if (result == NVRTC_SUCCESS) {
        int written = write_file(dir, prog->name, prog->src);
        for (int i = 0; i < prog->num_headers && written == 0; i++) {
            written = write_file(dir, prog->include_names[i], prog->headers[i]);
        }
        if (written != 0) {
            set_log(prog, "fake nvrtc: cannot write the source to a temporary directory\n");
            result = NVRTC_ERROR_INTERNAL_ERROR;
        }
    }
    if (result == NVRTC_SUCCESS) {
        int status = system(cmd.text);
        size_t size = 0;
        char *log = read_file(dir, "log.txt", &size);
        set_log(prog, log != NULL ? log : "");
        free(log);
        if (status != 0) {
            result = NVRTC_ERROR_COMPILATION;
        } else if ((prog->ptx = read_file(dir, "out.ptx", &prog->ptx_size)) == NULL) {
            result = NVRTC_ERROR_INTERNAL_ERROR;
        }
    }
    remove_file(dir, "out.ptx");
    remove_file(dir, "log.txt");
    remove_file(dir, prog->name);
    for (int i = 0; i < prog->num_headers; i++) {
        remove_file(dir, prog->include_names[i]);
    }
    rmdir(dir);
    free(cmd.text);
    return result;
}

nvrtcResult nvrtcGetPTXSize(nvrtcProgram prog, size_t *ptxSizeRet) {
    if (!valid(prog)) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (ptxSizeRet == NULL || prog->ptx == NULL) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *ptxSizeRet = prog->ptx_size;
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char *ptx) {
    if (!valid(prog)) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (ptx == NULL || prog->ptx == NULL) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    memcpy(ptx, prog->ptx, prog->ptx_size);
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram prog, size_t *logSizeRet) {
    if (!valid(prog)) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (logSizeRet == NULL) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    *logSizeRet = prog->log != NULL ? prog->log_size : 1;
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetProgramLog(nvrtcProgram prog, char *log) {
    if (!valid(prog)) {
        return NVRTC_ERROR_INVALID_PROGRAM;
    }
    if (log == NULL) {
        return NVRTC_ERROR_INVALID_INPUT;
    }
    if (prog->log != NULL) {
        memcpy(log, prog->log, prog->log_size);
    } else {
        *log = '\0';
    }
    return NVRTC_SUCCESS;
}
