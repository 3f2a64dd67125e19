# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sinchctl_global_optspecs
    string join \n config= profile= color= q/quiet v/verbose h/help V/version
end

function __fish_sinchctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sinchctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sinchctl_using_subcommand
    set -l cmd (__fish_sinchctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sinchctl -n "__fish_sinchctl_needs_command" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_needs_command" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_needs_command" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_needs_command" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "sign" -d 'Sign a callback body the way Sinch does and print the headers, a curl command or JSON'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "verify" -d 'Check the signature of a captured callback offline and explain why it fails'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "listen" -d 'Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "simulate" -d 'Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "replay" -d 'Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "send" -d 'Send an SMS batch and print its id (alone on stdout)'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "status" -d 'Show a batch'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "report" -d 'Show a batch\'s delivery report (summary, or one recipient\'s)'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "cancel" -d 'Cancel a batch that has not been sent yet'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "sandbox" -d 'Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "demo" -d 'See the whole loop offline: sandbox, send, signed callbacks, verified by listen'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "config" -d 'Create, change, show, check or locate the config file'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c sinchctl -n "__fish_sinchctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l body -d 'The body as text, used byte for byte' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l body-file -d 'Read the body from a file (\'-\' for stdin), byte for byte; without --body or --body-file the body is read from stdin' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l nonce -d 'Nonce to sign (default: a fresh 26-character ULID, like Sinch\'s)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l timestamp -d 'Timestamp to sign, unix seconds (default: now)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l format -d 'Output format' -r -f -a "headers\t'The four `name: value` header lines'
curl\t'A ready-to-paste curl command (needs --url)'
json\t'One JSON object: {"headers": {...}, "body": "..."}'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l url -d 'Target URL for --format curl' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sign" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -s H -l header -d 'A request header as "Name: value" (repeatable); takes precedence over --request' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l request -d 'A captured request (\'-\' for stdin): raw HTTP/1.1 (as `nc -l` saves it), a JSON line of `listen --record`, or `sign --format json` output; supplies headers and body' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l line -d 'Which record of a --request file holding several JSON lines (`listen --record` or --record-rejected) to verify, counting from 1 (1 to 10000000)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l body -d 'The body as text, used byte for byte' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l body-file -d 'Read the body from a file (\'-\' for stdin), byte for byte; without --body or --body-file the body is read from stdin' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l max-age -d 'Reject timestamps further than this many seconds from now, either way (1 to 31536000, a year; for older captures use --ignore-time)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l ignore-time -d 'Skip the timestamp check (for old captures)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -l json -d 'Print the verdict as one JSON object on stdout'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l host -d 'Address to bind; anything but loopback exposes the receiver beyond this machine' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l port -d 'Port to bind; 0 picks a free one (the first stderr line names it)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l path -d 'Serve only this path (others get 404); default: every path' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l max-age -d 'Reject timestamps further than this many seconds from now, either way (1 to 86400)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l max-body -d 'Largest body accepted (bytes, or with KiB/MiB; 1B to 64MiB); larger ones get 413 unread' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l header-timeout -d 'Time a client gets to send its request headers (100ms to 10m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l request-timeout -d 'Time a client gets to send its request body (100ms to 10m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l max-nonces -d 'Most nonces remembered for replay detection (1 to 10000000); each is kept for its --max-age window. When it is full of nonces still inside their window, new callbacks get 503 (Sinch retries later) so a replay is never let through' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l max-tracked -d 'Most messages tracked one by one (1 to 10000000); beyond it the final ones that finished first are only counted. From 8192 up the cap is split evenly over up to 16 parts (by message id), so one part can fill, fold or overflow a little before the total is reached' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l max-connections -d 'Most connections open at once (1 to 1000000; default: from the open-file limit, with headroom). At the cap the oldest idle connection is closed to admit a new one' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l record -d 'Append every accepted callback (headers, raw body, time, verdict, status) to FILE as a JSON line before acknowledging it; if it cannot be written the answer is 503. Created with mode 0600 (an existing file is made 0600); must be a regular file, not a symbolic link. At most 4MiB of lines wait for the file; beyond that answers slow down' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l record-rejected -d 'Append every request refused after its body was read (bad, stale or replayed signature) to FILE as a JSON line with its reason; `sinchctl verify --request` reads such a line to diagnose it' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l forward-to -d 'Pass each accepted callback (raw body, signature headers) to this http(s) URL and answer with its status (`localhost:3000/hook` means http://). Redirects are not followed (502); the app\'s answer is passed back up to 64KiB' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l forward-timeout -d 'Time the --forward-to app gets to answer (then 504; 100ms to 10m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l exit-after -d 'Exit 0 after N accepted callbacks (1 to 1000000000000)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l until -d 'Exit once every tracked message reached a final status' -r -f -a "final\t'Every tracked message reached a final status'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l timeout -d 'Stop after this long (e.g. 90s, 5m; 100ms to 30 days); exit 5 if --exit-after/--until was not reached' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l fail-on -d 'Exit non-zero at the end when this happened (repeatable)' -r -f -a "failed\t'A message ended in a failure status (Failed, Rejected, Expired, Aborted, ...): exit 6'
rejected\t'A request was rejected (bad, stale or replayed signature, ...): exit 3'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l ui-host -d 'Address of the dashboard; only loopback addresses are accepted (it shows phone numbers and message text)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l ui-port -d 'Port of the dashboard, 0-65535 (0 picks a free one)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l ngrok-api -d 'The ngrok agent API asked for the public URL of a tunnel to this port' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l no-verify -d 'Accept every request without checking signatures (tinkering only; lines are marked UNVERIFIED)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l json -d 'Print one JSON object per request on stdout (NDJSON), then a summary object. Either way at most 4MiB of output lines wait for a slow reader; beyond that answers slow down, and no line is dropped'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l fsync -d 'fsync the record file before each acknowledgement. Concurrent callbacks share one write and one sync (group commit); grouping happens mainly with --fsync'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l ui -d 'Serve a live dashboard on 127.0.0.1 (its own port, never the callback port); its URL is printed on stderr'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l open -d 'Open the dashboard in the default browser'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -l no-ngrok -d 'Do not ask an ngrok agent for the public URL'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand listen" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l url -d 'The endpoint to send to (http or https)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l timeout -d 'Time each request may take (1ms to 10m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l body-file -d 'Send this body (\'-\' for stdin) instead of a generated one, signed byte for byte' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l batch-id -d 'Batch id (SMS) or message id (Conversation); default: a fresh Sinch-like id' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l recipient -d 'Recipient phone number' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l from -d 'Sender of an inbound message' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l to -d 'Destination of an inbound message (your number)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l status -d 'Delivery status (SMS: Delivered, Failed, ...; Conversation: DELIVERED, READ, FAILED, ...)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l code -d 'Delivery code, a 32-bit integer (default: the code Sinch pairs with the status)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l client-reference -d 'client_reference to echo (Conversation: metadata)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l at -d 'Event time, RFC 3339 (default: now, with milliseconds and Z)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l text -d 'Text of an inbound message' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l scenario -d 'Send a sequence of callbacks instead of one' -r -f -a "delivered\t'Dispatched, then Delivered'
failed\t'Dispatched, then Failed'
expired\t'Dispatched, then Expired (recipient-dr only)'
rejected\t'Rejected by the SMSC (recipient-dr only)'
out-of-order\t'Delivered arrives before Dispatched (the endpoint must not regress)'
duplicate\t'The same report twice (the endpoint must be idempotent)'
batch\t'N recipients (--recipients) with per-recipient reports, then the batch summary (recipient-dr only)'
retry\t'Resend like Sinch while the endpoint answers 5xx or 429 (backoff × --retry-scale)'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l recipients -d 'Recipients in the batch scenario (1 to 1000, like a batch)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l delay -d 'Pause between the callbacks of a scenario (0 to 1h)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l retry-scale -d 'Multiply Sinch\'s retry delays (5s, 10s, 20s, ...) by this in the retry scenario (0 to 100)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l max-retries -d 'Most resends in the retry scenario (0 to 20)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l missing-header -d 'Negative case: leave out one header (signature, nonce, timestamp or algorithm)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l expect -d 'What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: what a correct endpoint answers)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l count -d 'Load: send N callbacks (1 to 100000000), each with a unique nonce' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l duration -d 'Load: send for this long (1ms to 24h; with --count, whichever ends first)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l concurrency -d 'Load: requests in flight at once (1 to 1024)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l json -d 'Print one JSON object per request (and per check or summary) on stdout'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l print -d 'Print the body that would be sent on stdout (one per line for a scenario) and send nothing'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l tamper -d 'Negative case: change the body after signing'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l wrong-secret -d 'Negative case: sign with a different secret'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l stale -d 'Negative case: timestamp 1 hour old'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l future -d 'Negative case: timestamp 1 hour ahead'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l replay -d 'Negative case: send the same signed request twice (the second must be refused)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l no-signature -d 'Negative case: no signature headers'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -l bad-algorithm -d 'Negative case: algorithm header HmacSHA512'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -a "suite" -d 'Run the conformance checks against an endpoint and report each with the reason it matters'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and not __fish_seen_subcommand_from suite help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l url -d 'The endpoint to send to (http or https)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l timeout -d 'Time each request may take (1ms to 10m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l recipient -d 'Recipient phone number in the reports sent' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l budget -d 'The longest an acknowledgement may take (1ms to 1m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l junit -d 'Also write a JUnit XML report to FILE: one test case per check, or a single errored case "endpoint reachable" when nothing accepts a connection (exit 4)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -l json -d 'Print one JSON object per request (and per check or summary) on stdout'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from suite" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "suite" -d 'Run the conformance checks against an endpoint and report each with the reason it matters'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l index -d 'Resend the record at this position (1 for the first line, up to 10000000)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l id -d 'Resend the records whose callback id (batch or message id) or signature nonce is ID' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l url -d 'The endpoint (http or https; default: http://127.0.0.1:8080 plus the recorded path)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l set -d 'Edit the body before signing: a JSON pointer and a value (JSON if it parses, else a string), e.g. /status=Failed or /code=402. Repeatable. The edited body is written compactly' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l expect -d 'What the endpoint must answer: 2xx, 4xx, 5xx or a code (default: 2xx, with --verbatim 4xx)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l timeout -d 'Time each request may take (1ms to 10m)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l all -d 'Resend every record, in file order'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l verbatim -d 'Resend the original headers untouched, signature and nonce included (a correct endpoint refuses it as a replay)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -l json -d 'Print one JSON object per request on stdout'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand replay" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l to -d 'Recipient in E.164 (repeatable or comma-separated; 1 to 1000)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l from -d 'Sender: number, short code or alphanumeric id (else SINCH_FROM, else the profile\'s from)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l body -d 'The message text, sent as given' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l body-file -d 'Read the message from a file (\'-\' for stdin) and drop one trailing newline; without --body or --body-file it is read from stdin the same way' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l delivery-report -d 'Which delivery report callbacks Sinch sends' -r -f -a "none\t'No delivery report callbacks'
summary\t'One batch summary when all messages are final'
full\t'The summary with recipients listed per status'
per-recipient\t'A callback for every status change of every recipient'
per-recipient-final\t'One callback per recipient with its final status'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l callback-url -d 'Where Sinch posts delivery reports for this batch' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l client-reference -d 'Your reference, echoed in delivery reports' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l send-at -d 'When to send: RFC 3339 or relative like +10m' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l expire-at -d 'When to give up: RFC 3339 or relative like +1h' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l max-parts -d 'Send only if the text fits in this many parts: 1 to 255' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l timeout -d 'With --wait: give up after this long (exit 5): 1s to 24h' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l poll-interval -d 'With --wait: time between polls: 10ms to 1h' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l auth -d 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)' -r -f -a "service-plan\t'Service plan id + API token'
oauth\t'OAuth2 client credentials (project id, key id, key secret)'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l region -d 'SMS region (else SINCH_REGION, else the profile, else us)' -r -f -a "us\t'United States'
eu\t'Europe'
au\t'Australia'
br\t'Brazil'
ca\t'Canada'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l service-plan-id -d 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l project-id -d 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l key-id -d 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l base-url -d 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region\'s host)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l auth-url -d 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l request-timeout -d 'Time each API request may take: 1s to 10m' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l flash -d 'Show on screen without saving to the inbox'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l dry-run -d 'Ask the API how it would send (recipients, parts, encoding) without sending'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l wait -d 'Poll delivery reports until every recipient is final; exit 0 only if all are Delivered'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -l json -d 'Print the API\'s JSON answer on stdout instead of the usual output'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand send" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l auth -d 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)' -r -f -a "service-plan\t'Service plan id + API token'
oauth\t'OAuth2 client credentials (project id, key id, key secret)'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l region -d 'SMS region (else SINCH_REGION, else the profile, else us)' -r -f -a "us\t'United States'
eu\t'Europe'
au\t'Australia'
br\t'Brazil'
ca\t'Canada'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l service-plan-id -d 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l project-id -d 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l key-id -d 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l base-url -d 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region\'s host)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l auth-url -d 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l request-timeout -d 'Time each API request may take: 1s to 10m' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -l json -d 'Print the API\'s JSON answer on stdout instead of the usual output'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l recipient -d 'One recipient\'s report instead of the batch summary' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l auth -d 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)' -r -f -a "service-plan\t'Service plan id + API token'
oauth\t'OAuth2 client credentials (project id, key id, key secret)'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l region -d 'SMS region (else SINCH_REGION, else the profile, else us)' -r -f -a "us\t'United States'
eu\t'Europe'
au\t'Australia'
br\t'Brazil'
ca\t'Canada'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l service-plan-id -d 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l project-id -d 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l key-id -d 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l base-url -d 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region\'s host)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l auth-url -d 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l request-timeout -d 'Time each API request may take: 1s to 10m' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -l json -d 'Print the API\'s JSON answer on stdout instead of the usual output'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand report" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l auth -d 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)' -r -f -a "service-plan\t'Service plan id + API token'
oauth\t'OAuth2 client credentials (project id, key id, key secret)'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l region -d 'SMS region (else SINCH_REGION, else the profile, else us)' -r -f -a "us\t'United States'
eu\t'Europe'
au\t'Australia'
br\t'Brazil'
ca\t'Canada'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l service-plan-id -d 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l project-id -d 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l key-id -d 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l base-url -d 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region\'s host)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l auth-url -d 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l request-timeout -d 'Time each API request may take: 1s to 10m' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -l json -d 'Print the API\'s JSON answer on stdout instead of the usual output'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand cancel" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l port -d 'Port on 127.0.0.1 (0 picks a free one; the first stderr line names it)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l secret -d 'Webhook secret (else SINCH_WEBHOOK_SECRET, else the profile\'s webhook_secret). Prefer the environment or the config file: flags show up in shell history and `ps`' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l callback-url -d 'The service plan\'s default callback URL: used by batches without their own callback_url and by inbound messages' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l speed -d 'Run this many times faster than Sinch (status steps of 1 s, retry delays of 5 s, 10 s, 20 s ...); 0.01 to 10000' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l token-ttl -d 'Lifetime of the OAuth2 tokens it issues (1s to 24h)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l credentials -d 'Require these credentials instead of accepting any (repeatable): service-plan=ID:TOKEN or project=PROJECT_ID:KEY_ID:KEY_SECRET. Flag values are visible to other users (`ps`): give the sandbox made-up credentials, never real ones' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l max-batches -d 'Most batches kept; when full the oldest finished one is dropped (1 to 100000)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l max-pending -d 'Most callbacks waiting to be sent, retries included; beyond it sends get 429 (1 to 1000000)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l callback-timeout -d 'Time a receiver gets to answer one callback (100ms to 2m); no answer is retried' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -l json -d 'Print one JSON object per API call and callback attempt on stdout (NDJSON)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -f -a "inbound" -d 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and not __fish_seen_subcommand_from inbound help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l from -d 'Sender\'s phone number' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l to -d 'Your number or short code' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l body -d 'The message text' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l sandbox-url -d 'The running sandbox (else SINCH_SMS_BASE_URL, else http://127.0.0.1:8081)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l callback-url -d 'Deliver to this URL instead of the sandbox\'s --callback-url' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from inbound" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "inbound" -d 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -l timeout -d 'Give up when not every message is final after this long (1s to 10m); the default keeps a failing demo under 10 seconds too' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -l speed -d 'Sandbox speed (see `sinchctl sandbox --speed`); 0.01 to 10000' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "init" -d 'Write a profile to the config file (mode 0600); prompts only on a terminal'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "show" -d 'Show every effective setting and where it came from (secrets redacted)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "path" -d 'Print the config file\'s path'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "set" -d 'Set one key in the profile, keeping the file\'s comments and other keys'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "get" -d 'Print one key\'s effective value (secrets redacted) and its source on stderr'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "unset" -d 'Remove one key from the profile, keeping the file\'s comments and other keys'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "check" -d 'Resolve the SMS credentials, show their sources and try them with one harmless request'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and not __fish_seen_subcommand_from init show path set get unset check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l region -d 'SMS region: us (the default), eu, au, br or ca' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l project-id -d 'Project id (OAuth2 mode)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l key-id -d 'Access key id (OAuth2 mode)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l key-secret -d 'Access key secret (OAuth2 mode) (\'-\' reads it from stdin)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l service-plan-id -d 'Service plan id (API token mode)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l api-token -d 'API token (API token mode) (\'-\' reads it from stdin)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l from -d 'Default sender: number, short code or name' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l webhook-secret -d 'Webhook HMAC secret: signs and verifies callbacks (\'-\' reads it from stdin)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l sms-base-url -d 'SMS API host override (tests, proxies)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l auth-url -d 'OAuth2 token URL override' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l webhook-secret-stdin -d 'Read the webhook secret from stdin (the first line)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace the profile if it already exists'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -l make-default -d 'Also make this profile the file\'s default_profile (else the default stays as it is: the file\'s default_profile, or "default")'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object on stdout'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l auth -d 'Force an auth mode (default: service plan when its credentials are set, else OAuth2)' -r -f -a "service-plan\t'Service plan id + API token'
oauth\t'OAuth2 client credentials (project id, key id, key secret)'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l region -d 'SMS region (else SINCH_REGION, else the profile, else us)' -r -f -a "us\t'United States'
eu\t'Europe'
au\t'Australia'
br\t'Brazil'
ca\t'Canada'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l service-plan-id -d 'Service plan id, API token mode (else SINCH_SERVICE_PLAN_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l project-id -d 'Project id, OAuth2 mode (else SINCH_PROJECT_ID, else the profile)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l key-id -d 'Access key id, OAuth2 mode (else SINCH_KEY_ID, else the profile). Secrets (api_token, key_secret) have no flag: use the environment or the config file' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l base-url -d 'SMS API base URL (else SINCH_SMS_BASE_URL, else the region\'s host)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l auth-url -d 'OAuth2 token URL; an origin like http://host:port gets /oauth2/token (else SINCH_AUTH_URL, else https://auth.sinch.com/oauth2/token)' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l request-timeout -d 'Time each API request may take: 1s to 10m' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'Print the API\'s JSON answer on stdout instead of the usual output'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a profile to the config file (mode 0600); prompts only on a terminal'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show every effective setting and where it came from (secrets redacted)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one key in the profile, keeping the file\'s comments and other keys'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one key\'s effective value (secrets redacted) and its source on stderr'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove one key from the profile, keeping the file\'s comments and other keys'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Resolve the SMS credentials, show their sources and try them with one harmless request'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -l config -d 'Config file to read instead of the platform default (Linux: $XDG_CONFIG_HOME/sinchctl/config.toml)' -r -F
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -l profile -d 'Profile of the config file to use (default: the file\'s default_profile, else "default")' -r
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -l color -d 'When to colour output; NO_COLOR (non-empty) turns auto off, CLICOLOR_FORCE turns it on' -r -f -a "auto\t'Colour when the stream is a terminal (NO_COLOR and CLICOLOR_FORCE are honoured)'
always\t'Always emit colour escape codes'
never\t'Never emit colour escape codes'"
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr but warnings and errors'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -s v -l verbose -d 'Print more detail on stderr (never secrets)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "sign" -d 'Sign a callback body the way Sinch does and print the headers, a curl command or JSON'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "verify" -d 'Check the signature of a captured callback offline and explain why it fails'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "listen" -d 'Receive callbacks: verify signatures, refuse stale and replayed ones, stream statuses'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "simulate" -d 'Send signed test callbacks (every kind, scenarios, broken ones, load) or check an endpoint'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "replay" -d 'Resend recorded callbacks (from `listen --record` or a raw capture) freshly signed, edited or verbatim'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "send" -d 'Send an SMS batch and print its id (alone on stdout)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "status" -d 'Show a batch'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "report" -d 'Show a batch\'s delivery report (summary, or one recipient\'s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "cancel" -d 'Cancel a batch that has not been sent yet'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "sandbox" -d 'Run an offline Sinch SMS API on 127.0.0.1 that sends real signed callbacks'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "demo" -d 'See the whole loop offline: sandbox, send, signed callbacks, verified by listen'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "config" -d 'Create, change, show, check or locate the config file'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and not __fish_seen_subcommand_from sign verify listen simulate replay send status report cancel sandbox demo config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "suite" -d 'Run the conformance checks against an endpoint and report each with the reason it matters'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "inbound" -d 'Make the running sandbox deliver an inbound SMS (mo_text) to its callback URL'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a profile to the config file (mode 0600); prompts only on a terminal'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show every effective setting and where it came from (secrets redacted)'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one key in the profile, keeping the file\'s comments and other keys'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one key\'s effective value (secrets redacted) and its source on stderr'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove one key from the profile, keeping the file\'s comments and other keys'
complete -c sinchctl -n "__fish_sinchctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Resolve the SMS credentials, show their sources and try them with one harmless request'
