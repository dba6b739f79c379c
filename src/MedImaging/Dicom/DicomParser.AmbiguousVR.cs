using System.Collections.Frozen;

namespace MedImaging.Dicom;

/// <summary>
/// Implicit-VR elements whose PS3.6 VR is ambiguous ("US or SS", "OB or OW"), resolved as PS3.5 and pydicom do once
/// their dataset is parsed: "US or SS" from PixelRepresentation (1 = signed), waveform "OB or OW" from
/// WaveformBitsAllocated (above 8 = OW). Explicit VRs are never changed.
/// </summary>
internal sealed partial class DicomParser
{
    /// <summary>"US or SS" attributes whose values follow PixelRepresentation (PS3.6; the LUT and palette descriptors,
    /// whose first value is always unsigned, stay US).</summary>
    private static readonly FrozenSet<uint> UsOrSsByPixelRepresentation = new uint[]
    {
        0x00189810, // ZeroVelocityPixelValue
        0x00221452, // MappedPixelValue
        0x00280104, 0x00280105, // Smallest/LargestValidPixelValue (retired)
        0x00280106, 0x00280107, // Smallest/LargestImagePixelValue
        0x00280108, 0x00280109, // Smallest/LargestPixelValueInSeries
        0x00280110, 0x00280111, // Smallest/LargestImagePixelValueInPlane (retired)
        0x00280120, 0x00280121, // PixelPaddingValue, PixelPaddingRangeLimit
        0x00409211, 0x00409216, // RealWorldValueLastValueMapped, RealWorldValueFirstValueMapped
        0x00603004, 0x00603006, // HistogramFirstBinValue, HistogramLastBinValue
    }.ToFrozenSet();

    /// <summary>Waveform "OB or OW" attributes whose VR follows WaveformBitsAllocated.</summary>
    private static readonly FrozenSet<uint> ObOrOwByWaveformBits = new uint[]
    {
        0x54000110, // ChannelMinimumValue
        0x54000112, // ChannelMaximumValue
        0x5400100A, // WaveformPaddingValue
        0x54001010, // WaveformData
    }.ToFrozenSet();

    /// <summary>Tags of the dataset being parsed whose VR was taken from the dictionary and is ambiguous; null when none.</summary>
    private List<DicomTag>? _ambiguousImplicit;

    /// <summary>Notes <paramref name="tag"/> (read with an implicit VR) for <see cref="ResolveAmbiguousVRs"/> when its VR is ambiguous.</summary>
    private void NoteIfAmbiguous(DicomTag tag)
    {
        if (UsOrSsByPixelRepresentation.Contains(tag.Value) || ObOrOwByWaveformBits.Contains(tag.Value))
        {
            (_ambiguousImplicit ??= []).Add(tag);
        }
    }

    /// <summary>Gives the noted elements of <paramref name="dataset"/> the VR its own PixelRepresentation or WaveformBitsAllocated implies.</summary>
    private static void ResolveAmbiguousVRs(DicomDataset dataset, List<DicomTag> tags)
    {
        foreach (DicomTag tag in tags)
        {
            if (dataset.GetElement(tag) is not { Items: null, Fragments: null } element)
            {
                continue;
            }

            DicomVR vr = UsOrSsByPixelRepresentation.Contains(tag.Value)
                ? dataset.TryGetInt32(DicomTag.PixelRepresentation, out int representation) && representation == 1 ? DicomVR.SS : DicomVR.US
                : dataset.TryGetInt32(DicomTag.WaveformBitsAllocated, out int bits) && bits <= 8 ? DicomVR.OB : DicomVR.OW;
            if (vr != element.VR)
            {
                dataset.AddOrReplace(new DicomElement(tag, vr, element.RawValue, element.IsBigEndian, element.Offset));
            }
        }
    }
}
