/*
 * fax-modem: one fax call's T.30 terminal (in-band, over G.711 audio) as a child process.
 *
 * Built by scripts/fax-modem.sh against Debian 12's libspandsp-dev 0.0.6 and libtiff-dev 4.5
 * (docs/fax.md says why in-band T.30 and not T.38):
 *   cc -O2 -Wall -Wextra -o fax-modem fax-modem.c -lspandsp -ltiff -lm
 *
 *   fax-modem send    FILE.tif [options]   transmit a TIFF-F (G3/G4, 1728 px wide) document
 *   fax-modem receive FILE.tif [options]   receive a document into FILE.tif
 *   fax-modem detect  -        [options]   listen for fax tones only (CNG from a calling fax,
 *                                          CED/V.21 preamble from an answering one); writes
 *                                          silence; {"event":"tone"} lines; exits 0 on CNG
 *
 * Audio: the process is clocked by its input. For every frame read on stdin (default 160 samples
 * = 20 ms at 8 kHz) it writes exactly one frame of the same size on stdout. Frames are A-law
 * bytes by default (what a PCMA trunk carries), or µ-law, or 16-bit little-endian linear.
 * Whoever drives it (media/fax/fax-modem.ts on the call's RTP clock) writes one frame per 20 ms
 * and sends each frame it gets back as one RTP packet; with --framed a lost packet is marked as
 * lost rather than played as silence.
 *
 * Events: one JSON object per line on stderr ("phase_b", "page", "done", "exit"); with --verbose the
 * spandsp T.30 log lines are written there too, each starting with "#".
 * Exit status: 0 when the document went through (T30_ERR_OK), 1 when the fax failed, 2 on bad use.
 *
 * Options:
 *   --law alaw|ulaw|slin   sample format on stdin/stdout (default alaw)
 *   --frame N              samples per frame (default 160)
 *   --caller | --answerer  T.30 role; default: send = caller (sends CNG, waits for DIS),
 *                          receive = answerer (sends CED + DIS). Fax-on-demand on the caller's
 *                          own call: the caller's machine answers in receive mode, we are
 *                          "send --caller" although we answered the SIP call.
 *   --no-ecm               disable error correction mode (ECM is on by default)
 *   --modems LIST          image modems offered, comma-separated: v17,v29,v27ter (default all;
 *                          "v29,v27ter" caps the speed at 9600 bit/s)
 *   --ident "+48 22 123"   our station id (TSI/CSI, up to 20 chars: digits, space, +)
 *   --header "Centrala"    page header line printed on every page we send
 *   --framed               every input frame starts with one flag byte: 0 = audio follows,
 *                          1 = this frame was lost on the network (its audio bytes are ignored;
 *                          the modem "fills in" instead of hearing silence, which keeps a
 *                          high-speed carrier alive across a lost packet). Output is unchanged.
 *   --max-seconds N        give up after N seconds of audio (default 900)
 *   --verbose              spandsp's T.30 log on stderr
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <inttypes.h>
#include <sys/resource.h>
#include <tiffio.h>
#include <spandsp.h>

enum law { LAW_ALAW, LAW_ULAW, LAW_SLIN };

static int verbose = 0;
static int finished = 0;
static int result = -1;
static long long samples_done = 0;

static void json_str(FILE *f, const char *s) {
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static void log_handler(int level, const char *text) {
    (void) level;
    if (!verbose) return;
    fputs("# ", stderr);
    fputs(text, stderr);
    if (text[0] && text[strlen(text) - 1] != '\n') fputc('\n', stderr);
}

static void stats_json(t30_state_t *t) {
    t30_stats_t st;
    t30_get_transfer_statistics(t, &st);
    fprintf(stderr, "\"bitRate\":%d,\"ecm\":%s,\"pagesTx\":%d,\"pagesRx\":%d,\"width\":%d,\"length\":%d,"
            "\"xRes\":%d,\"yRes\":%d,\"encoding\":%d,\"imageBytes\":%d,\"badRows\":%d,\"ecmRetries\":%d",
            st.bit_rate, st.error_correcting_mode ? "true" : "false", st.pages_tx, st.pages_rx, st.width,
            st.length, st.x_resolution, st.y_resolution, st.encoding, st.image_size, st.bad_rows,
            st.error_correcting_mode_retries);
}

static int phase_b(t30_state_t *t, void *user, int code) {
    (void) user;
    fprintf(stderr, "{\"event\":\"phase_b\",\"seconds\":%.2f,\"remoteIdent\":", samples_done / 8000.0);
    json_str(stderr, t30_get_rx_ident(t));
    fprintf(stderr, ",\"code\":%d}\n", code);
    fflush(stderr);
    return T30_ERR_OK;
}

static int phase_d(t30_state_t *t, void *user, int code) {
    (void) user;
    fprintf(stderr, "{\"event\":\"page\",\"seconds\":%.2f,\"code\":%d,\"remoteIdent\":", samples_done / 8000.0, code);
    /* The far machine's ident as known when this page ended: a hang-up later may leave the final
       report without it. */
    json_str(stderr, t30_get_rx_ident(t));
    fputc(',', stderr);
    stats_json(t);
    fputs("}\n", stderr);
    fflush(stderr);
    return T30_ERR_OK;
}

static void phase_e(t30_state_t *t, void *user, int code) {
    (void) user;
    result = code;
    finished = 1;
    fprintf(stderr, "{\"event\":\"done\",\"seconds\":%.2f,\"ok\":%s,\"code\":%d,\"reason\":",
            samples_done / 8000.0, code == T30_ERR_OK ? "true" : "false", code);
    json_str(stderr, t30_completion_code_to_str(code));
    fputs(",\"remoteIdent\":", stderr);
    json_str(stderr, t30_get_rx_ident(t));
    fputc(',', stderr);
    stats_json(t);
    fputs("}\n", stderr);
    fflush(stderr);
}

/* Reads exactly n bytes; returns 0 at end of input. */
static int read_full(uint8_t *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(0, buf + got, n - got);
        if (r == 0) return 0;
        if (r < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        got += (size_t) r;
    }
    return 1;
}

static int write_full(const uint8_t *buf, size_t n) {
    size_t put = 0;
    while (put < n) {
        ssize_t w = write(1, buf + put, n - put);
        if (w < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        put += (size_t) w;
    }
    return 1;
}

static int tone_found = 0;
static void tone_report(void *user, int code, int level, int delay) {
    (void) delay;
    if (code == MODEM_CONNECT_TONES_NONE) return;
    fprintf(stderr, "{\"event\":\"tone\",\"tone\":\"%s\",\"detector\":\"%s\",\"level\":%d,\"seconds\":%.2f}\n",
            modem_connect_tone_to_str(code), (const char *) user, level, samples_done / 8000.0);
    fflush(stderr);
    if (code == MODEM_CONNECT_TONES_FAX_CNG) tone_found = 1;
}

/* Tone detection only: what an IVR runs on a voice call to notice a fax machine. */
static int detect(enum law law, int frame, int max_seconds) {
    modem_connect_tones_rx_state_t *cng = modem_connect_tones_rx_init(NULL, MODEM_CONNECT_TONES_FAX_CNG, tone_report, "cng");
    modem_connect_tones_rx_state_t *ced = modem_connect_tones_rx_init(NULL, MODEM_CONNECT_TONES_FAX_CED_OR_PREAMBLE, tone_report, "ced");
    size_t bytes = (size_t) frame * (law == LAW_SLIN ? 2 : 1);
    uint8_t *buf = malloc(bytes);
    int16_t *pcm = malloc(sizeof(int16_t) * (size_t) frame);
    long long limit = (long long) max_seconds * 8000;
    while (!tone_found && samples_done < limit && read_full(buf, bytes)) {
        for (int i = 0; i < frame; i++) {
            if (law == LAW_ALAW) pcm[i] = alaw_to_linear(buf[i]);
            else if (law == LAW_ULAW) pcm[i] = ulaw_to_linear(buf[i]);
            else pcm[i] = (int16_t) (buf[2 * i] | (buf[2 * i + 1] << 8));
        }
        modem_connect_tones_rx(cng, pcm, frame);
        modem_connect_tones_rx(ced, pcm, frame);
        samples_done += frame;
        memset(buf, law == LAW_ALAW ? 0xd5 : law == LAW_ULAW ? 0xff : 0, bytes);
        if (!write_full(buf, bytes)) break;
    }
    fprintf(stderr, "{\"event\":\"exit\",\"audioSeconds\":%.2f,\"cng\":%s}\n", samples_done / 8000.0, tone_found ? "true" : "false");
    modem_connect_tones_rx_free(cng);
    modem_connect_tones_rx_free(ced);
    free(buf);
    free(pcm);
    return tone_found ? 0 : 1;
}

static void usage(void) {
    fputs("usage: fax-modem send|receive|detect FILE.tif [--law alaw|ulaw|slin] [--frame N] [--caller|--answerer]\n"
          "       [--no-ecm] [--modems v17,v29,v27ter] [--framed] [--ident ID] [--header TEXT] [--max-seconds N] [--verbose]\n", stderr);
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 3) usage();
    int sending, detecting = 0;
    if (!strcmp(argv[1], "send")) sending = 1;
    else if (!strcmp(argv[1], "receive")) sending = 0;
    else if (!strcmp(argv[1], "detect")) { sending = 0; detecting = 1; }
    else usage();
    const char *file = argv[2];
    enum law law = LAW_ALAW;
    int frame = 160, caller = sending, ecm = 1, max_seconds = 900, framed = 0;
    int modems = T30_SUPPORT_V27TER | T30_SUPPORT_V29 | T30_SUPPORT_V17;
    const char *ident = NULL, *header = NULL;
    for (int i = 3; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--law") && next) {
            i++;
            if (!strcmp(next, "alaw")) law = LAW_ALAW;
            else if (!strcmp(next, "ulaw")) law = LAW_ULAW;
            else if (!strcmp(next, "slin")) law = LAW_SLIN;
            else usage();
        } else if (!strcmp(a, "--frame") && next) { frame = atoi(next); i++; }
        else if (!strcmp(a, "--caller")) caller = 1;
        else if (!strcmp(a, "--answerer")) caller = 0;
        else if (!strcmp(a, "--no-ecm")) ecm = 0;
        else if (!strcmp(a, "--framed")) framed = 1;
        else if (!strcmp(a, "--modems") && next) {
            i++;
            modems = (strstr(next, "v17") ? T30_SUPPORT_V17 : 0) | (strstr(next, "v29") ? T30_SUPPORT_V29 : 0) |
                     (strstr(next, "v27ter") ? T30_SUPPORT_V27TER : 0);
            if (!modems) usage();
        }
        else if (!strcmp(a, "--ident") && next) { ident = next; i++; }
        else if (!strcmp(a, "--header") && next) { header = next; i++; }
        else if (!strcmp(a, "--max-seconds") && next) { max_seconds = atoi(next); i++; }
        else if (!strcmp(a, "--verbose")) verbose = 1;
        else usage();
    }
    if (frame < 8 || frame > 8000) usage();
    signal(SIGPIPE, SIG_IGN);
    if (detecting) return detect(law, frame, max_seconds);
    if (sending && access(file, R_OK) != 0) {
        fprintf(stderr, "{\"event\":\"done\",\"ok\":false,\"code\":-1,\"reason\":\"cannot read the document\"}\n");
        return 1;
    }
    /* libtiff warnings (unknown tags and the like) would otherwise be printed on stderr as plain text */
    TIFFSetWarningHandler(NULL);

    fax_state_t *fax = fax_init(NULL, caller);
    if (!fax) return 1;
    t30_state_t *t30 = fax_get_t30_state(fax);
    logging_state_t *log = t30_get_logging_state(t30);
    span_log_set_level(log, verbose ? (SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_PROTOCOL | SPAN_LOG_FLOW) : 0);
    span_log_set_message_handler(log, log_handler);
    logging_state_t *flog = fax_get_logging_state(fax);
    span_log_set_level(flog, verbose ? (SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_PROTOCOL | SPAN_LOG_FLOW) : 0);
    span_log_set_message_handler(flog, log_handler);

    fax_set_transmit_on_idle(fax, 1); /* always a full frame out, silence when idle */
    fax_set_tep_mode(fax, 0);
    t30_set_supported_modems(t30, modems);
    t30_set_supported_compressions(t30, T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION |
                                            (ecm ? T30_SUPPORT_T6_COMPRESSION : 0));
    t30_set_ecm_capability(t30, ecm);
    if (ident) t30_set_tx_ident(t30, ident);
    if (header) t30_set_tx_page_header_info(t30, header);
    t30_set_phase_b_handler(t30, phase_b, NULL);
    t30_set_phase_d_handler(t30, phase_d, NULL);
    t30_set_phase_e_handler(t30, phase_e, NULL);
    if (sending) t30_set_tx_file(t30, file, -1, -1);
    else t30_set_rx_file(t30, file, -1);

    size_t bytes = (size_t) frame * (law == LAW_SLIN ? 2 : 1);
    uint8_t *inbuf = malloc(bytes + 1), *out = malloc(bytes);
    uint8_t *in = framed ? inbuf + 1 : inbuf;
    long long filled = 0;
    int16_t *pcm = malloc(sizeof(int16_t) * (size_t) frame);
    long long limit = (long long) max_seconds * 8000;

    while (!finished) {
        if (!read_full(inbuf, bytes + (framed ? 1 : 0))) break; /* the call ended */
        if (framed && inbuf[0] == 1) {
            fax_rx_fillin(fax, frame);
            filled++;
        } else {
            for (int i = 0; i < frame; i++) {
                if (law == LAW_ALAW) pcm[i] = alaw_to_linear(in[i]);
                else if (law == LAW_ULAW) pcm[i] = ulaw_to_linear(in[i]);
                else pcm[i] = (int16_t) (in[2 * i] | (in[2 * i + 1] << 8));
            }
            fax_rx(fax, pcm, frame);
        }
        int n = fax_tx(fax, pcm, frame);
        for (int i = n; i < frame; i++) pcm[i] = 0;
        for (int i = 0; i < frame; i++) {
            if (law == LAW_ALAW) out[i] = linear_to_alaw(pcm[i]);
            else if (law == LAW_ULAW) out[i] = linear_to_ulaw(pcm[i]);
            else { out[2 * i] = (uint8_t) (pcm[i] & 0xff); out[2 * i + 1] = (uint8_t) ((uint16_t) pcm[i] >> 8); }
        }
        samples_done += frame;
        if (!write_full(out, bytes)) break;
        if (samples_done >= limit) {
            fprintf(stderr, "{\"event\":\"timeout\",\"seconds\":%.2f}\n", samples_done / 8000.0);
            break;
        }
    }
    if (!finished) {
        /* Input ended (hang-up) or time ran out before T.30 finished: phase E fires from here. */
        t30_terminate(t30);
        if (!finished) {
            fprintf(stderr, "{\"event\":\"done\",\"ok\":false,\"code\":-1,\"reason\":\"call ended before the fax finished\",\"seconds\":%.2f}\n",
                    samples_done / 8000.0);
        }
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "{\"event\":\"exit\",\"audioSeconds\":%.2f,\"filledFrames\":%lld,\"cpuMs\":%ld}\n", samples_done / 8000.0, filled,
            (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L);
    fax_release(fax);
    fax_free(fax);
    free(inbuf);
    free(out);
    free(pcm);
    return finished && result == T30_ERR_OK ? 0 : 1;
}
