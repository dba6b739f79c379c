using MedImaging.IO;
using MedImaging.Tests.TestUtilities;

namespace MedImaging.Tests.IO;

/// <summary>NIfTI files made by hand from the specification: byte order, orientation rules, scaling, units.</summary>
[TestFixture]
public sealed class NiftiReadTests : TempDirectoryTest
{
    [TestCase(true)]
    [TestCase(false)]
    public void Read_HandMadeSformFile_EitherByteOrder_ValuesAndLpsGeometryFromSpec(bool bigEndian)
    {
        // sform (RAS) = diag(−0.5, 2, 3) with offset (10, −20, 30), written as the three srow rows.
        var nifti = new HandMadeNifti
        {
            BigEndian = bigEndian,
            Pixdim = [1, 0.5f, 2, 3, 1, 1, 1, 1],
            SformCode = 1,
            Srow = [-0.5f, 0, 0, 10, 0, 2, 0, -20, 0, 0, 3, 30],
        };
        short[] values = [.. Enumerable.Range(0, 24).Select(i => (short)(i * 1000 - 12000))];
        string path = Path.Combine(TempDir, "be.nii");
        File.WriteAllBytes(path, nifti.Build(nifti.Int16Voxels(values)));

        Volume<short> read = ImageFile.Read(path).As<short>();

        Assert.That(read.Voxels.ToArray(), Is.EqualTo(values));
        // LPS = first two RAS rows negated: axis 0 direction (−0.5, 0, 0)RAS → (+1, 0, 0)LPS, axis 1 (0, 2, 0) → (0, −1, 0).
        Assert.That(read.Geometry, Is.EqualTo(new VolumeGeometry(new Size3(4, 3, 2), new Vec3(0.5, 2, 3), new Vec3(-10, 20, 30), Mat3.Diagonal(new Vec3(1, -1, 1)))));
    }

    [Test]
    public void Read_QformOnlyWithNegativeQfac_GeometryFromQuaternion()
    {
        // Quaternion (a, b, c, d) = (cos 45°, 0, 0, sin 45°): 90° about z, R = [[0,−1,0],[1,0,0],[0,0,1]];
        // qfac = −1 flips the third column. In LPS (rows 0, 1 negated): columns (0,−1,0), (1,0,0), (0,0,−1).
        float s = (float)Math.Sqrt(0.5);
        var nifti = new HandMadeNifti
        {
            Pixdim = [-1, 0.8f, 0.9f, 4, 1, 1, 1, 1],
            QformCode = 1,
            Quatern = [0, 0, s],
            QOffset = [5, 6, 7],
        };
        string path = Path.Combine(TempDir, "q.nii");
        File.WriteAllBytes(path, nifti.Build(new byte[48]));

        VolumeGeometry g = ImageFile.ReadGeometry(path);

        var expected = Mat3.FromColumns(new Vec3(0, -1, 0), new Vec3(1, 0, 0), new Vec3(0, 0, -1));
        // float32 sin 45° (a derived as √(1 − d²)) leaves ~1e-7 in the rotation.
        Assert.That(Mat3.MaxAbsDifference(g.Direction, expected), Is.LessThan(1e-6));
        Assert.That(g.Origin, Is.EqualTo(new Vec3(-5, -6, 7)));
        Assert.That(g.Spacing, Is.EqualTo(new Vec3(0.800000011920929, 0.89999997615814209, 4)), "float32 pixdim as stored");
    }

    [Test]
    public void Read_NoQformNoSform_IdentityDirectionZeroOriginAsItk()
    {
        // ITK 5.2 (`itkref info` on a nibabel file with both codes 0 and pixdim 2, 3, 4) printed spacing [2,3,4],
        // origin [0,0,0], direction identity.
        var nifti = new HandMadeNifti { Pixdim = [1, 2, 3, 4, 1, 1, 1, 1] };
        string path = Path.Combine(TempDir, "none.nii");
        File.WriteAllBytes(path, nifti.Build(new byte[48]));

        Assert.That(ImageFile.ReadGeometry(path), Is.EqualTo(new VolumeGeometry(new Size3(4, 3, 2), new Vec3(2, 3, 4), Vec3.Zero)));
    }

    [Test]
    public void Read_ScaledInt16_Float32ValuesSlopeTimesStoredPlusIntercept()
    {
        var nifti = new HandMadeNifti { SclSlope = 0.5f, SclInter = -1024, SformCode = 1, Srow = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] };
        short[] stored = [.. Enumerable.Range(0, 24).Select(i => (short)(i * 3))];
        string path = Path.Combine(TempDir, "scaled.nii");
        File.WriteAllBytes(path, nifti.Build(nifti.Int16Voxels(stored)));

        Volume read = ImageFile.Read(path);

        Assert.That(read.PixelType, Is.EqualTo(PixelType.Float32), "nibabel and ITK return floats when scl_slope/scl_inter are not identity");
        Assert.That(ImageFile.Identify(path).PixelType, Is.EqualTo(PixelType.Float32));
        Assert.That(read.As<float>().Voxels.ToArray(), Is.EqualTo(stored.Select(v => (float)(v * 0.5 - 1024)).ToArray()));
    }

    [TestCase(float.NaN, 0f, PixelType.Int16, 1.0, 0.0)]
    [TestCase(0f, 7f, PixelType.Int16, 1.0, 0.0)]
    [TestCase(3f, float.NaN, PixelType.Float32, 3.0, 0.0)]
    [TestCase(1f, 0f, PixelType.Int16, 1.0, 0.0)]
    public void Read_ScalingFieldsNibabelTreatsAsNone_ValuesAsNibabel(float slope, float inter, PixelType expectedType, double factor, double offset)
    {
        // nibabel: slope 0 or NaN means "no scaling" (inter ignored); a NaN inter counts as 0.
        var nifti = new HandMadeNifti { SclSlope = slope, SclInter = inter };
        short[] stored = [.. Enumerable.Range(0, 24).Select(i => (short)(i - 10))];
        string path = Path.Combine(TempDir, "s.nii");
        File.WriteAllBytes(path, nifti.Build(nifti.Int16Voxels(stored)));

        Volume read = ImageFile.Read(path);

        Assert.That(read.PixelType, Is.EqualTo(expectedType));
        double[] values = [.. Enumerable.Range(0, 24).Select(i => read.GetValueAsDouble(i % 4, i / 4 % 3, i / 12))];
        Assert.That(values, Is.EqualTo(stored.Select(v => v * factor + offset).ToArray()));
    }

    [Test]
    public void Read_MetreUnits_SpacingAndOriginInMillimetres()
    {
        var nifti = new HandMadeNifti
        {
            XyztUnits = 1, // NIFTI_UNITS_METER
            Pixdim = [1, 0.001f, 0.002f, 0.004f, 1, 1, 1, 1],
            SformCode = 1,
            Srow = [0.001f, 0, 0, 0.5f, 0, 0.002f, 0, 0, 0, 0, 0.004f, 0],
        };
        string path = Path.Combine(TempDir, "m.nii");
        File.WriteAllBytes(path, nifti.Build(new byte[48]));

        VolumeGeometry g = ImageFile.ReadGeometry(path);

        // float32 0.001 m = 1.00000005e-3 m: 5e-8 relative, far inside the 1e-4 mm bound.
        IOTestVolumes.AssertGeometry(g, new VolumeGeometry(new Size3(4, 3, 2), new Vec3(1, 2, 4), new Vec3(-500, 0, 0), Mat3.Diagonal(new Vec3(-1, -1, 1))), 1e-4);
    }

    [Test]
    public void Pair_WrittenByImgNameReadByHdrName_HeaderAndImageFiles()
    {
        Volume original = IOTestVolumes.Random(PixelType.Int16, IOTestVolumes.ObliqueGeometry(new Size3(3, 4, 5)), seed: 9);
        ImageFile.Write(original, Path.Combine(TempDir, "pair.img"));

        Volume read = ImageFile.Read(Path.Combine(TempDir, "pair.hdr"));

        Assert.That(new FileInfo(Path.Combine(TempDir, "pair.hdr")).Length, Is.EqualTo(352), "348-byte header + 4 extension bytes");
        Assert.That(new FileInfo(Path.Combine(TempDir, "pair.img")).Length, Is.EqualTo(3 * 4 * 5 * 2), "voxels only, vox_offset 0");
        Assert.That(read.AsBytes().SequenceEqual(original.AsBytes()), Is.True);
    }

    [Test]
    public void Write_QformAndSformBothCodeOne_SameMatrix()
    {
        VolumeGeometry g = IOTestVolumes.ObliqueGeometry(new Size3(3, 3, 3));
        string path = Path.Combine(TempDir, "w.nii");
        ImageFile.Write(Volume.Create(PixelType.UInt8, g), path);
        byte[] bytes = File.ReadAllBytes(path);
        NiftiHeader h = NiftiHeader.Parse(bytes, path);

        Assert.That((h.QformCode, h.SformCode), Is.EqualTo((1, 1)));
        // Rebuild the qform affine from the stored quaternion with nifti1.h's formula and compare with srow.
        Mat3 r = NiftiGeometry.QuaternionToRotation(h.Quatern[0], h.Quatern[1], h.Quatern[2]);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double q = r[i, j] * h.Pixdim[j + 1] * (j == 2 ? h.Pixdim[0] : 1);
                Assert.That(q, Is.EqualTo(h.Srow[4 * i + j]).Within(1e-6), "float32 quaternion vs float32 srow");
            }

            Assert.That(h.QOffset[i], Is.EqualTo(h.Srow[4 * i + 3]));
        }
    }
}
