// demo-app: an executable whose DT_NEEDED names libdemo.so.1 (and libc.so.6).
int demo_value(void);
int main(void) { return demo_value() == 42 ? 0 : 1; }
