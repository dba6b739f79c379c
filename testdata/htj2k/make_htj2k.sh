#!/bin/sh
# Regenerates the HTJ2K test codestreams with OpenJPH 0.9 (Debian package openjph-tools: ojph_compress/ojph_expand).
# Inputs are deterministic synthetic images written by make_images.py; *.expected.* are ojph_expand outputs.
set -e
python3 make_images.py
c() { ojph_compress "$@" > /dev/null; }
c -i gray8.pgm -o gray8_rev.j2c -reversible true
c -i gray8.pgm -o gray8_rev_0lev.j2c -reversible true -num_decomps 0
c -i gray12.pgm -o gray12_rev_3lev_blk16.j2c -reversible true -num_decomps 3 -block_size '{16,16}'
c -i gray16.pgm -o gray16_rev_lrcp_blk8x32.j2c -reversible true -num_decomps 2 -prog_order LRCP -block_size '{8,32}'
c -i gray16_64.pgm -o gray16_rev_tiles_precincts.j2c -reversible true -num_decomps 4 -tile_size '{40,24}' -precincts '{8,8},{16,16}' -block_size '{16,16}' -prog_order PCRL
c -i gray12_1x1.pgm -o gray12_1x1_rev.j2c -reversible true -num_decomps 0
c -i gray12_3x2.pgm -o gray12_3x2_rev.j2c -reversible true -num_decomps 1
c -i gray8_5x7.pgm -o gray8_5x7_rev_5lev.j2c -reversible true -num_decomps 5
c -i signed8.raw -o signed8_rev.j2c -reversible true -num_decomps 3 -dims '{23,17}' -num_comps 1 -signed true -bit_depth 8 -downsamp '{1,1}'
c -i signed12.raw -o signed12_rev.j2c -reversible true -num_decomps 3 -dims '{23,17}' -num_comps 1 -signed true -bit_depth 12 -downsamp '{1,1}'
c -i signed16.raw -o signed16_rev.j2c -reversible true -num_decomps 2 -dims '{23,17}' -num_comps 1 -signed true -bit_depth 16 -downsamp '{1,1}'
c -i rgb8.ppm -o rgb8_rev_rct.j2c -reversible true -num_decomps 3 -prog_order CPRL
c -i gray12.pgm -o gray12_lossy.j2c -qstep 0.002 -num_decomps 3
c -i gray8.pgm -o gray8_lossy_coarse.j2c -qstep 0.05 -num_decomps 5
c -i rgb8.ppm -o rgb8_lossy_ict.j2c -qstep 0.01 -num_decomps 2
ojph_expand -i gray12_lossy.j2c -o gray12_lossy.expected.pgm > /dev/null
ojph_expand -i gray8_lossy_coarse.j2c -o gray8_lossy_coarse.expected.pgm > /dev/null
ojph_expand -i rgb8_lossy_ict.j2c -o rgb8_lossy_ict.expected.ppm > /dev/null
