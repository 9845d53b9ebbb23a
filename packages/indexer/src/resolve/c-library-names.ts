import type { Sym } from './symbols.js';

// Functions the C standard library (and POSIX, which every Unix libc has) declares. A project that
// defines one is replacing it for a platform that lacks it (libsass's `snprintf` for old MSVC) or
// for one program of its own (a test's `remove`): a call that finds it by its name alone is most
// likely the C library's, declared to the caller by a system header.
const C_LIBRARY = new Set(
  [
    // stdio.h
    'fopen freopen fclose fflush fread fwrite fgetc fgets fputc fputs getc getchar putc putchar puts',
    'ungetc fseek ftell rewind fgetpos fsetpos feof ferror clearerr perror remove rename tmpfile',
    'tmpnam setbuf setvbuf printf fprintf sprintf snprintf vprintf vfprintf vsprintf vsnprintf scanf',
    'fscanf sscanf vscanf vfscanf vsscanf fdopen fileno popen pclose getline getdelim dprintf',
    'asprintf vasprintf',
    // stdlib.h
    'malloc calloc realloc free aligned_alloc abort exit atexit quick_exit at_quick_exit _Exit getenv',
    'setenv unsetenv system atoi atol atoll atof strtol strtoll strtoul strtoull strtod strtof strtold',
    'abs labs llabs div ldiv lldiv rand srand qsort bsearch mkstemp mkdtemp realpath posix_memalign',
    // string.h, strings.h
    'memcpy memmove memset memcmp memchr strcpy strncpy strcat strncat strcmp strncmp strcoll strxfrm',
    'strchr strrchr strstr strspn strcspn strpbrk strtok strtok_r strlen strnlen strerror strdup',
    'strndup strcasecmp strncasecmp strsep',
    // ctype.h
    'isalnum isalpha isblank iscntrl isdigit isgraph islower isprint ispunct isspace isupper isxdigit',
    'tolower toupper',
    // time.h, signal.h, setjmp.h, locale.h
    'time clock difftime mktime gmtime localtime gmtime_r localtime_r strftime asctime ctime signal',
    'raise setjmp longjmp setlocale localeconv',
    // unistd.h, fcntl.h
    'open close read write lseek unlink access getcwd chdir rmdir mkdir isatty sleep usleep getpid',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Whether `syms`, the project's definitions of `name`, redefine a C library function: a call that
 * finds them by the name alone (`global-unique`, or a source file's linker-visible definition) is
 * left unresolved rather than guessed; one in a header the caller includes still counts.
 */
export function shadowsCLibrary(name: string, syms: readonly Sym[]): boolean {
  return C_LIBRARY.has(name) && syms.every((s) => s.type === 'function');
}
