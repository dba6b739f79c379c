using MedImaging.Filters;

namespace MedImaging.Tests.Filters;

[TestFixture]
public sealed class ConnectedComponentTests
{
    private static Volume<byte> Empty(int nx, int ny, int nz) => new(new VolumeGeometry(new Size3(nx, ny, nz)));

    [Test]
    public void ConnectedComponent_DiagonalNeighbours_MergeOnlyWithFullConnectivity()
    {
        var image = Empty(4, 4, 4);
        image[0, 0, 0] = 1;
        image[1, 1, 1] = 1; // corner neighbour of (0,0,0)
        image[3, 2, 1] = 1; // two voxels away from (1,1,1) in x: never a neighbour
        image[3, 3, 2] = 1; // edge neighbour of (3,2,1): dy = 1, dz = 1
        var six = ImageFilters.ConnectedComponent(image);
        var full = ImageFilters.ConnectedComponent(image, fullyConnected: true);
        Assert.That(six.Voxels.ToArray().Max(), Is.EqualTo(4u)); // 6-connectivity: four single voxels
        Assert.That(full.Voxels.ToArray().Max(), Is.EqualTo(2u)); // 26: {(0,0,0),(1,1,1)} and {(3,2,1),(3,3,2)}
        Assert.That(full[1, 1, 1], Is.EqualTo(full[0, 0, 0]));
        Assert.That(full[3, 3, 2], Is.EqualTo(full[3, 2, 1]));
    }

    [Test]
    public void ConnectedComponent_LabelsFollowRasterOrderOfFirstVoxel()
    {
        // A U shape in one slice: its two arms start as separate runs and join at the bottom row; the component
        // that starts first in raster order gets label 1 (ITK numbers components by first appearance).
        var image = Empty(5, 4, 1);
        image[4, 0, 0] = 1; // lone voxel: first in raster order (row y = 0)
        foreach (int y in new[] { 1, 2, 3 })
        {
            image[0, y, 0] = 1;
            image[2, y, 0] = 1;
        }

        image[1, 3, 0] = 1;
        var labels = ImageFilters.ConnectedComponent(image);
        Assert.That(labels[4, 0, 0], Is.EqualTo(1u));
        Assert.That(labels[0, 1, 0], Is.EqualTo(2u));
        Assert.That(labels[2, 1, 0], Is.EqualTo(2u)); // joined through the bottom row
    }

    [Test]
    public void RelabelComponent_SortsBySizeTiesBySmallerLabelAndDropsSmall()
    {
        var image = new Volume<ushort>(new VolumeGeometry(new Size3(10, 1, 1)), [1, 1, 2, 2, 2, 3, 3, 4, 0, 5]);
        var result = ImageFilters.RelabelComponent(image, minimumObjectSize: 2);
        Assert.That(result.Labels.Voxels.ToArray(), Is.EqualTo(new ushort[] { 2, 2, 1, 1, 1, 3, 3, 0, 0, 0 }));
        Assert.That(result.SizeOfObjectsInPixels, Is.EqualTo(new long[] { 3, 2, 2 }));
        Assert.That(result.OriginalNumberOfObjects, Is.EqualTo(5));
    }

    [Test]
    public void KeepLargestComponents_KeepsTheTwoBiggest()
    {
        var image = new Volume<byte>(new VolumeGeometry(new Size3(12, 1, 1)), [1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1]);
        var kept = ImageFilters.KeepLargestComponents(image, 2);
        Assert.That(kept.Voxels.ToArray(), Is.EqualTo(new byte[] { 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1 }));
    }

    [Test]
    public void BinaryFillhole_EnclosedCavityFilledBorderPocketKept()
    {
        var image = Empty(7, 7, 7);
        for (int z = 1; z < 6; z++)
        {
            for (int y = 1; y < 6; y++)
            {
                for (int x = 1; x < 6; x++)
                {
                    image[x, y, z] = 1;
                }
            }
        }

        image[3, 3, 3] = 0; // enclosed cavity
        image[1, 3, 3] = 0; // pocket open to the outside through x = 0
        var filled = ImageFilters.BinaryFillhole(image);
        Assert.That(filled[3, 3, 3], Is.EqualTo(1));
        Assert.That(filled[1, 3, 3], Is.EqualTo(0));
        Assert.That(filled.Voxels.ToArray().Count(v => v == 1), Is.EqualTo(124)); // 125 − the open pocket
    }
}
