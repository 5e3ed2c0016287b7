package goldentest

import (
	"sort"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/misc"
)

var (
	rankLevels = []misc.Level{misc.LevelGold, misc.LevelBronze, misc.LevelSilver}
	sampleAts  = []float64{2.5, -1e9, 0.125, 7}
)

// buildNode writes a tree of the given depth: every node has value
// 10*depth+i for child i and two children below depth 1.
func buildNode(b *flatbuffers.Builder, depth, value int) flatbuffers.UOffsetT {
	var kids []flatbuffers.UOffsetT
	if depth > 1 {
		for i := 0; i < 2; i++ {
			kids = append(kids, buildNode(b, depth-1, 10*(depth-1)+i))
		}
	}
	var kidVec flatbuffers.UOffsetT
	if kids != nil {
		kidVec = offsetVector(b, misc.NodeStartChildrenVector, kids)
	}
	misc.NodeStart(b)
	misc.NodeAddValue(b, int32(value))
	if kids != nil {
		misc.NodeAddChildren(b, kidVec)
		misc.NodeAddParentHint(b, kids[0])
	}
	misc.NodeAddGrant(b, misc.CreateGrant(b, misc.RightsRead|misc.RightsAdmin, uint32(value)))
	return misc.NodeEnd(b)
}

func buildRegistry() []byte {
	b := flatbuffers.NewBuilder(0)
	var ranks []flatbuffers.UOffsetT
	for _, l := range rankLevels {
		title := b.CreateString(l.String())
		misc.RankStart(b)
		misc.RankAddLevel(b, l)
		misc.RankAddTitle(b, title)
		ranks = append(ranks, misc.RankEnd(b))
	}
	sort.Slice(ranks, func(i, j int) bool { return misc.RankKeyCompare(ranks[i], ranks[j], b.Bytes) })
	var samples []flatbuffers.UOffsetT
	for _, at := range sampleAts {
		misc.SampleStart(b)
		misc.SampleAddAt(b, at)
		samples = append(samples, misc.SampleEnd(b))
	}
	sort.Slice(samples, func(i, j int) bool { return misc.SampleKeyCompare(samples[i], samples[j], b.Bytes) })
	rankVec := offsetVector(b, misc.RegistryStartRanksVector, ranks)
	sampleVec := offsetVector(b, misc.RegistryStartSamplesVector, samples)
	misc.NothingStart(b)
	nothing := misc.NothingEnd(b)
	root := buildNode(b, 3, 30)

	misc.RegistryStart(b)
	misc.RegistryAddRanks(b, rankVec)
	misc.RegistryAddSamples(b, sampleVec)
	misc.RegistryAddNothing(b, nothing)
	misc.RegistryAddRoot(b, root)
	misc.FinishRegistryBuffer(b, misc.RegistryEnd(b))
	return b.FinishedBytes()
}

func TestTableEnumAndFloatKeys(t *testing.T) {
	r := misc.GetRootAsRegistry(buildRegistry(), 0)
	for _, l := range rankLevels {
		var rk misc.Rank
		if !r.RanksByKey(&rk, l) || rk.Level() != l || string(rk.Title()) != l.String() {
			t.Errorf("RanksByKey(%v) not found", l)
		}
	}
	var rk misc.Rank
	if r.RanksByKey(&rk, misc.Level(0)) || r.RanksByKey(&rk, misc.Level(99)) {
		t.Error("RanksByKey found a missing level")
	}
	// Bronze is the key's default: the builder leaves it out, and it still
	// sorts and reads as Bronze.
	if !r.Ranks(&rk, 0) || rk.Level() != misc.LevelBronze {
		t.Errorf("first rank is %v, want Bronze", rk.Level())
	}
	for _, at := range sampleAts {
		var s misc.Sample
		if !r.SamplesByKey(&s, at) || s.At() != at {
			t.Errorf("SamplesByKey(%v) not found", at)
		}
	}
	var s misc.Sample
	if r.SamplesByKey(&s, 1) {
		t.Error("SamplesByKey(1) found a missing key")
	}
}

func TestTableRecursiveAndEmpty(t *testing.T) {
	r := misc.GetRootAsRegistry(buildRegistry(), 0)
	if r.Nothing(nil) == nil {
		t.Error("the empty table is absent")
	}
	root := r.Root(nil)
	if root == nil || root.Value() != 30 || root.ChildrenLength() != 2 {
		t.Fatal("root node does not read back")
	}
	var kid, grandkid misc.Node
	for i := 0; i < 2; i++ {
		if !root.Children(&kid, i) || kid.Value() != int32(20+i) || kid.ChildrenLength() != 2 {
			t.Fatalf("child %d does not read back", i)
		}
		if !kid.Children(&grandkid, 1) || grandkid.Value() != 11 || grandkid.ChildrenLength() != 0 || grandkid.ParentHint(nil) != nil {
			t.Errorf("grandchild of %d does not read back", i)
		}
	}
	if h := root.ParentHint(nil); h == nil || h.Value() != 20 {
		t.Error("ParentHint does not point at the first child")
	}
	g := root.Grant(nil)
	if g.Rights() != misc.RightsRead|misc.RightsAdmin || g.Until() != 30 {
		t.Errorf("Grant = %v until %d", g.Rights(), g.Until())
	}
	if misc.RightsAdmin != 1<<15 || misc.RightsWrite.String() != "Write" {
		t.Error("bit_flags over ushort are wrong")
	}
	if !g.MutateRights(misc.RightsWrite) || root.Grant(nil).Rights() != misc.RightsWrite {
		t.Error("MutateRights failed")
	}
}
