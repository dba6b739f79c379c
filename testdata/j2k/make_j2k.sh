#!/bin/sh
# Regenerates the JPEG 2000 test codestreams with OpenJPEG 2.5.0 (Debian 12 package libopenjp2-tools).
# Inputs are deterministic synthetic images written by make_images.py; *.expected.pgm/.ppm are opj_decompress outputs.
set -e
python3 make_images.py
opj_compress -i gray12.pgm -o gray12_lrcp.j2k -n 3 > /dev/null
opj_compress -i gray16.pgm -o gray16_rpcl_tiles_precincts.j2k -p RPCL -t 24,20 -c [16,16],[16,16],[16,16] -b 8,8 -n 2 > /dev/null
opj_compress -i gray8.pgm -o gray8_pcrl_allstyles.j2k -p PCRL -M 63 -b 16,16 -n 3 > /dev/null
opj_compress -i gray12.pgm -o gray12_rlcp_layers_sop_eph.j2k -p RLCP -r 40,10,1 -SOP -EPH -n 3 > /dev/null
opj_compress -i rgb8.ppm -o rgb8_cprl_rct.j2k -p CPRL -n 2 > /dev/null
opj_compress -i gray12.pgm -o gray12_lossy97.j2k -I -r 8 -n 3 > /dev/null
opj_compress -i rgb8.ppm -o rgb8_lossy_ict.jp2 -I -r 6 -n 3 > /dev/null
opj_decompress -i gray12_lossy97.j2k -o gray12_lossy97.expected.pgm > /dev/null
opj_decompress -i rgb8_lossy_ict.jp2 -o rgb8_lossy_ict.expected.ppm > /dev/null
