module cgc.dev/calltruth

go 1.22
