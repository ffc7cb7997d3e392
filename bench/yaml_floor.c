/*
** yaml_floor.c: the floor of loading region files, for scripts/bench (issue 6).
**
** Owns nothing of spil: usage `yaml_floor FILE...`. Runs libyaml's event parser
** (yaml_parser_parse until the end of the stream) over every file and prints the number of
** events. No tree, no validation, no database: the least any YAML loader has to do.
*/
#include <yaml.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The number of events in path, or -1 after a message. */
static long parse(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "yaml_floor: %s: %s\n", path, strerror(errno));
        return -1;
    }
    yaml_parser_t parser;
    yaml_event_t event;
    long n = 0;
    int done = 0;
    if (!yaml_parser_initialize(&parser)) {
        fprintf(stderr, "yaml_floor: out of memory\n");
        fclose(f);
        return -1;
    }
    yaml_parser_set_input_file(&parser, f);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "yaml_floor: %s:%zu:%zu: %s\n", path, parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, parser.problem ? parser.problem : "error");
            n = -1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        n++;
    }
    yaml_parser_delete(&parser);
    fclose(f);
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: yaml_floor FILE...\n");
        return 2;
    }
    long total = 0;
    for (int i = 1; i < argc; i++) {
        long n = parse(argv[i]);
        if (n < 0) return 1;
        total += n;
    }
    printf("%ld events in %d files\n", total, argc - 1);
    return 0;
}
